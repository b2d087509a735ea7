"""Broken and hostile submissions of 01_dot_products, each what a student could hand in at a deadline, and what
grading must make of it. test_hostile_submissions.py grades them all in one batch with a correct and a wrong
student.

Each is built from the released notebook: the correct answers, with the first exercise's cell (`dot`) replaced or
extended, or the notebook's cells changed. ``{root}``, ``{exchange}`` and ``{port}`` in a source are the course
copy's folder, its exchange and a port the test listens on, all outside what the sandbox lets a kernel see;
``{hosts}`` a list of this machine's folders no path in a kernel may name (the course copy, the repository, the
Python installation, the grader's temporary folder), and ``{student}`` the case's own name.
"""
import copy
from dataclasses import dataclass, field

from autograder.notebooks import grade_id, is_test

CORRECT, WRONG = "correct", "wrong"
# Whose collected copy the grader rewrites, putting back the grading metadata they changed (grade.py)
RESTORED = {"test_duplicated", "metadata_changed"}
WRONG_DOT = "def dot(a, b):\n    return 0.0"  # fails every dot test: what cheating would hide
DOT_TESTS = ("test_dot_by_hand", "test_dot_lengths", "test_dot_rules", "test_dot_general")


@dataclass
class Case:
    student: str
    dot: str = None  # the dot cell's source, where "{solution}" is the correct one
    change: callable = None  # a change to the whole notebook, given the notebook
    state: str = "graded"
    lost: tuple = ()  # test cells that earn nothing
    note: tuple = ()  # words the outcome's note holds
    prints: str = None  # what the dot cell must print (for cases that look around from inside)
    body: str = None  # code run after the dot cell's own (``{student}``: the case's name)
    description: str = field(default="", repr=False)


def delete_tests(nb):
    nb.cells = [cell for cell in nb.cells if not (is_test(cell) and grade_id(cell) in DOT_TESTS)]


def duplicate_a_test(nb):
    at = next(i for i, cell in enumerate(nb.cells) if is_test(cell) and grade_id(cell) == DOT_TESTS[0])
    nb.cells.insert(at, copy.deepcopy(nb.cells[at]))


def move_tests_first(nb):
    tests = [cell for cell in nb.cells if is_test(cell) and grade_id(cell) in DOT_TESTS]
    nb.cells = tests + [cell for cell in nb.cells if cell not in tests]


def edit_tests(nb):
    for cell in nb.cells:
        if is_test(cell) and grade_id(cell) in DOT_TESTS:
            cell.source = "pass  # my tests now"


def change_metadata(nb):
    cells = {grade_id(cell): cell for cell in nb.cells if is_test(cell)}
    cells["test_dot_by_hand"].metadata.nbgrader["points"] = 100
    cells["test_dot_lengths"].metadata.nbgrader["grade_id"] = "test_mine"
    cells["test_dot_rules"].cell_type = "markdown"
    del cells["test_dot_rules"]["outputs"], cells["test_dot_rules"]["execution_count"]
    cells["test_dot_general"].metadata.nbgrader["grade"] = False


BROKEN = [
    Case("never_ends", dot="while True:\n    pass", lost=DOT_TESTS, note=("cell dot was stopped after",)),
    Case("exits", dot="{solution}\nimport os\nos._exit(0)", state="could not be graded",
         note=("kernel died",)),
    Case("system_exit", dot="{solution}\nraise SystemExit('done')"),
    # its kernel's parent: the kernel dies with it, and the worker starts a new one for the next student
    Case("kills_the_zygote", dot="{solution}\nimport os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
         state="could not be graded", note=("kernel died",)),
    Case("memory_hog", dot="{solution}\nhog = bytearray(6 << 30)  # 6 GiB, over the limit",
         note=("cell dot ran out of memory",)),
    Case("floods_output", dot="{solution}\nprint('\\n'.join(map(str, range(1_000_000))))"),  # in one go: fast
    Case("tests_deleted", dot=WRONG_DOT, change=delete_tests, lost=DOT_TESTS),
    Case("test_duplicated", dot=WRONG_DOT, change=duplicate_a_test, lost=DOT_TESTS,
         note=("grading metadata of a copy of test_dot_by_hand",)),
    Case("tests_moved_first", change=move_tests_first, lost=DOT_TESTS),
    Case("tests_edited", dot=WRONG_DOT, change=edit_tests, lost=DOT_TESTS),
    Case("metadata_changed", dot=WRONG_DOT, change=change_metadata, lost=DOT_TESTS,
         note=("grading metadata of test_dot_by_hand, test_dot_lengths, test_dot_rules, test_dot_general",)),
]

HELD = "held for review"
HOSTILE = [
    Case("input_transformer", state=HELD, lost=DOT_TESTS, note=("get_ipython", "did not run as written"),
         dot=WRONG_DOT + "\nget_ipython().input_transformers_post.append(\n"
                         "    lambda lines: [] if lines and lines[0].startswith('# dot') else lines)"),
    Case("ast_transformer", state=HELD, note=("get_ipython", "ast transformers"),
         dot=WRONG_DOT + "\nimport ast\n"
                         "class NoChecks(ast.NodeTransformer):\n"
                         "    def visit_Expr(self, node):\n"
                         "        call = node.value\n"
                         "        named = isinstance(call, ast.Call) and isinstance(call.func, ast.Name)\n"
                         "        return ast.Pass() if named and call.func.id.startswith('check') else node\n"
                         "get_ipython().ast_transformers.append(NoChecks())"),
    Case("event_callback", state=HELD, note=("get_ipython", "event callbacks"),
         dot="{solution}\nget_ipython().events.register('pre_run_cell', lambda info: None)"),
    Case("trace_function", state=HELD, note=("sys.settrace", "trace or profile"),
         dot="{solution}\nimport sys\nsys.settrace(lambda *args: None)"),
    Case("hides_errors", state=HELD, lost=DOT_TESTS, note=("get_ipython", "cell runners changed"),
         dot=WRONG_DOT + "\nget_ipython().showtraceback = lambda *args, **kwargs: None"),
    Case("excepthook", state=HELD, note=("sys.excepthook",),
         dot="{solution}\nimport sys\nsys.excepthook = lambda *args: None"),
    Case("displayhook", state=HELD, note=("sys.displayhook",),
         dot="{solution}\nimport sys\nsys.displayhook = lambda value: None"),
    Case("patches_numpy", state=HELD, note=("np.isclose", "numpy: allclose, isclose replaced"),
         dot=WRONG_DOT + "\nnp.isclose = lambda *args, **kwargs: True\nnp.allclose = lambda *args, **kwargs: True"),
    Case("patches_builtins", state=HELD, note=("imports builtins", "changes builtins.isinstance"),
         dot="{solution}\nimport builtins\nbuiltins.isinstance = lambda *args: True"),
    Case("redefines_check", state=HELD, note=("`check` a new meaning",),
         dot=WRONG_DOT + "\ndef check(*args, **kwargs):\n    pass"),
    Case("patches_the_checks", state=HELD, note=("nncourse.checks", "nncourse.checks: CheckFailed"),
         dot="{solution}\nimport nncourse.checks\nnncourse.checks.CheckFailed = AssertionError"),
    Case("reads_files", prints="readable: []",
         dot="{solution}\nimport glob, os\n"
             "wanted = ['{root}/solutions/01_dot_products/01_dot_products.ipynb',\n"
             "          '{root}/autograder/runtime/gradebook.db', '{exchange}',\n"
             "          '{root}/autograder/runtime/submitted/correct/01_dot_products/01_dot_products.ipynb',\n"
             "          '{root}/autograder/runtime/autograded/reads_files/01_dot_products/01_dot_products.ipynb',\n"
             "          *glob.glob('*.ipynb'), *glob.glob('/**/*.ipynb', recursive=False)]\n"
             "print('readable:', [path for path in wanted if os.path.exists(path)])"),
    Case("writes_outside", prints="written: []",
         dot="{solution}\nwritten = []\n"
             "for path in ['{root}/solutions/PWNED', '{root}/autograder/runtime/PWNED', '{exchange}/PWNED',\n"
             "             '{root}/autograder/runtime/submitted/correct/01_dot_products/PWNED', '/tmp/PWNED']:\n"
             "    try:\n"
             "        open(path, 'w').close()\n"
             "        written.append(path)\n"
             "    except OSError:\n"
             "        pass\n"
             "print('written:', written)"),
    Case("network", prints="connected: []",
         dot="{solution}\nimport socket\nconnected = []\n"
             "for address in [('127.0.0.1', {port}), ('1.1.1.1', 80)]:\n"
             "    try:\n"
             "        socket.create_connection(address, timeout=2).close()\n"
             "        connected.append(address)\n"
             "    except OSError:\n"
             "        pass\n"
             "print('connected:', connected)"),
    # The sandbox's limits (sandbox.py). ``{hosts}`` are the folders of
    # this machine that hold the course, its Python and its temporary files. A kernel may learn the names of
    # bound folders from /proc/self/mountinfo, but must reach none of them.
    Case("reads_environment", dot=WRONG_DOT, lost=DOT_TESTS, description="prints the whole of its environment",
         body="import os\nprint(dict(os.environ))"),
    Case("reads_host_paths", dot=WRONG_DOT, lost=DOT_TESTS, prints="host paths: [] reachable: []",
         body="import os, sys, nncourse\n"
              "seen = [os.getcwd(), sys.executable, sys.prefix, sys.base_prefix, nncourse.__file__, *sys.path,\n"
              "        *os.environ.values()]\n"
              "mounted = [line.split()[3:5] for line in open('/proc/self/mountinfo')]\n"
              "print('host paths:', [path for path in seen if any(host in path for host in {hosts})],\n"
              "      'reachable:', [source for source, at in mounted if source not in ('/', at)\n"
              "                     and os.path.exists(source)])"),
    Case("fills_scratch_and_shm", dot=WRONG_DOT, lost=DOT_TESTS, prints="bounded: True True",
         body="import os\ndef fill(folder):\n    written = 0\n    try:\n"
              "        with open(f'{folder}/left-by-filler', 'wb') as file:\n"
              "            while written < 2 << 30:\n"
              "                file.write(bytes(1 << 20))\n                written += 1 << 20\n"
              "    except OSError:\n        pass\n    return written\n"
              "if os.path.isdir('/scratch'):  # sandboxed: never fill this machine's own /dev/shm\n"
              "    print('bounded:', fill('/scratch') <= 256 << 20, fill('/dev/shm') <= 256 << 20)"),
    Case("shared_mapping", dot=WRONG_DOT, lost=DOT_TESTS, prints="shared mapping: refused",
         body="import mmap\ntry:\n    shared = mmap.mmap(-1, 8 << 30)  # anonymous and shared: not data\n"
              "    shared[::1 << 20] = bytes(len(shared[::1 << 20]))\n    print('shared mapping: made')\n"
              "except (OSError, MemoryError):\n    print('shared mapping: refused')"),
    *[Case(f"leaves_files_{index}", dot=WRONG_DOT, lost=DOT_TESTS, prints="found: []",
           description="finds what a student before it on its worker left, then leaves the same for the next",
           body="import glob, os, subprocess\n"
                "print('found:', glob.glob('/dev/shm/left-by-*') + glob.glob('/scratch/left-by-*')\n"
                "      + glob.glob('/submission/left-by-*'))\n"
                "if os.path.isdir('/scratch'):\n"
                "    for folder in ('/dev/shm', '/scratch', '/submission'):\n"
                "        open(f'{folder}/left-by-{student}', 'w').write('hello, next student')\n"
                "    os.makedirs('/scratch/left-by-locked/deeper')\n    os.chmod('/scratch/left-by-locked', 0)\n"
                "    subprocess.Popen(['sh', '-c', 'sleep 1; touch /dev/shm/left-by-{student}-later'],\n"
                "                     start_new_session=True)")
      for index in range(1, 5)],
    Case("imitates_markers",
         dot="{solution}\n# ### BEGIN HIDDEN TESTS\nmarker = '### END HIDDEN TESTS'\n### BEGIN SOLUTION\n"
             "assert dot([1], [2]) == 2\n# ### BEGIN HIDDEN TESTS"),
]

# Correct work that looks around, and must not be held: prints, a plot, helpers, standard modules, NumPy's random
# numbers with a seed of its own, timing, a warning outside a graded call, IPython magics.
BENIGN = [
    Case("benign",
         dot="import collections, itertools, math, time, warnings\nimport matplotlib.pyplot as plt\n"
             "np.random.seed(3)\nrng = np.random.default_rng(7)\nstart = time.perf_counter()\n\n"
             "def pairs(a, b):\n    return list(zip(a, b))\n\n"
             "{solution}\n\n"
             "print('pairs:', pairs([1, 2], [3, 4]), collections.Counter('abca').most_common(1), math.pi)\n"
             "plt.plot(rng.normal(size=10))\nplt.show()\n"
             "warnings.warn('only a reminder to myself')\n"
             "%time total = sum(itertools.repeat(1, 1000))\n"
             "print(f'took {time.perf_counter() - start:.3f} s')"),
]

CASES = BROKEN + HOSTILE + BENIGN
