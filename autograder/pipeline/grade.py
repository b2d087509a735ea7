"""Grading one student's submission of one assignment: what a worker runs, locally or on a cluster.

Before nbgrader sees a submission, it is checked for what nbgrader would turn into a silent zero or a traceback:
no folder (missing), no notebook, only another assignment's notebook (missing, and the note says what was sent),
a file that is not a notebook. The assignment's notebook is told by its cells, not its name (identify.py); of
several, the one with the most answers changed is graded, under the assignment's name, in a copy of the
submission (the collected files stay as they came). nbgrader then grades it in this process, with kernels forked
from a warm one (see warm_kernels.py) in a sandbox (sandbox.py) with a memory limit, and a bound on the whole
notebook's time; the outcome says what happened in a sentence.

A submission whose code reaches into grading (inspection.py) or whose tests did not all run as written (the seals,
preprocessors.py) is held for a person: its outcome says why, and its cells are marked in the gradebook as
needing a manual grade, which is where the formgrader shows them.
"""
import copy
import functools
import os
import shutil
import tempfile
import threading
from pathlib import Path
from warnings import catch_warnings, simplefilter

import nbformat
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI

from nncourse.checks import MISTAKES_MIME, RECORD_MISTAKES

from ..gradebook import CourseDirectory
from ..notebooks import grade_id, is_test
from ..preprocessors import INTEGRITY
from . import inspection, nbgrader_log, sandbox
from .identify import Releases, read_notebook
from .outcomes import GRADED, HELD, MISSING, UNGRADABLE, Outcome
from .warm_kernels import WarmKernelManager, kill_running_kernels

NOTEBOOK_TIME_LIMIT = 300  # seconds grading one notebook may take, all cells together
CELL_TIME_LIMIT = 60  # seconds one cell may take when graded (demonstrations are skipped; Validate allows more)
KERNEL_DIED = ("the kernel died while running the notebook: its code ended the kernel's process "
               "(os._exit, a signal) or crashed it")
MEMORY_LIMIT = 4 << 30  # bytes of data a grading kernel may have; with TensorFlow imported it has 0.4 GiB
# How nbgrader's failure reads when no kernel started or answered: the grader's failure, before any student code ran
KERNEL_NOT_STARTED = ("could not start a kernel", "Kernel died before replying to kernel_info",
                      "Kernel didn't respond in")


class GraderFailure(RuntimeError):
    """The grader could not grade, whatever the submission: no student is to blame (workers.py decides)."""


def grade(root, db_url, assignment, student, preload=(), cell_time_limit=CELL_TIME_LIMIT,
          time_limit=NOTEBOOK_TIME_LIMIT):
    """Grade ``student``'s submission; return its Outcome and the warnings worth a person's attention."""
    course = CourseDirectory(root, db_url)
    folder = course.path("submitted", assignment, student)
    if not folder.is_dir():
        return Outcome(student, MISSING), []
    chosen, note, state = find_notebook(folder, assignment, Releases(course))
    if chosen is None:
        return Outcome(student, state, note), []
    with tempfile.TemporaryDirectory(prefix="submitted-") as submitted:
        graded = _graded_copy(folder, chosen, Path(submitted) / student / assignment / f"{assignment}.ipynb")
        return _grade(course, assignment, student, graded, note, preload, cell_time_limit, time_limit)


def _grade(course, assignment, student, notebook, note, preload, cell_time_limit, time_limit):
    released = _course_notebook(course.notebook_path("release", assignment))
    note = " ".join(filter(None, [note, restore_grading_metadata(notebook, released)]))
    relied_on = _names_the_tests_rely_on(course.notebook_path("source", assignment))
    reasons = inspection.reaches_into_grading(_read(notebook), relied_on)
    result, timed_out, last_cell = _autograde(course, assignment, student, notebook.parent.parent.parent, preload,
                                              cell_time_limit, time_limit)
    warnings = [f"{student}: {warning}" for warning in nbgrader_log.warnings(result)]
    if why := sandbox.unavailable():
        warnings.append(f"grading was not sandboxed: {why}; student code ran with the grader's rights")
    if timed_out:
        where = f"in cell {last_cell}" if last_cell else "before its first cell ran"
        failed = f"timed out {where}: the whole notebook took longer than {time_limit} s"
    elif not result["success"]:
        failed = nbgrader_log.failure(result)
        if last_cell is None and any(words in failed for words in KERNEL_NOT_STARTED):
            raise GraderFailure(f"no grading kernel could start ({failed})")
        failed = KERNEL_DIED if "DeadKernelError" in failed else f"nbgrader could not grade it: {failed}"
    if timed_out or not result["success"]:
        if reasons:  # what made it fail may be what reaches into grading: a person looks at it
            return Outcome(student, HELD, " ".join([note, failed.rstrip(".") + ".", *reasons]).strip()), warnings
        return Outcome(student, UNGRADABLE, " ".join([note, failed]).strip()), warnings
    graded = course.notebook("autograded", assignment, student)
    stopped = _cells_with_error(graded, "KeyboardInterrupt")
    if stopped:
        note = f"{note} cell {', '.join(stopped)} was stopped after {cell_time_limit} s.".strip()
    if out_of_memory := _cells_with_error(graded, "MemoryError"):
        note = f"{note} cell {', '.join(out_of_memory)} ran out of memory ({MEMORY_LIMIT >> 30} GiB).".strip()
    outcome = Outcome(student, GRADED, note, scores=course.scores(assignment, student),
                      mistakes=mistakes_named(graded))
    if reasons := reasons + seals_broken(graded):
        hold_for_review(course, assignment, student)
        outcome.state, outcome.note = HELD, " ".join([note, *reasons]).strip()
    return outcome, warnings


def seals_broken(graded):
    """What the seals saw, one sentence each: tests that did not run as written, machinery changed while they ran."""
    reasons = []
    seen = graded.metadata.get(INTEGRITY, {"unsealed": [], "changed": ["the tests' seals were not checked"]})
    if seen["unsealed"]:
        reasons.append(f"Test cell {', '.join(seen['unsealed'])} did not run as written.")
    reasons += [f"While the tests ran, {change}." for change in seen["changed"]]
    return reasons


def hold_for_review(course, assignment, student):
    """Mark every graded cell of the submission as needing a manual grade: the formgrader lists it for a person,
    whose grades then count (export.py)."""
    with Gradebook(course.db_url) as gradebook:
        for notebook in gradebook.find_submission(assignment, student).notebooks:
            for grade in notebook.grades:
                grade.needs_manual_grade = True
        gradebook.db.commit()


def restore_grading_metadata(path, released):
    """Put back the grading metadata (nbgrader's, and the cell type) of every cell the release gave it to, matched
    by cell id, and take it from cells the release has no such cell for (a copied or invented grading cell): a
    renamed grade id, a test unmarked as graded or a duplicated test would otherwise stop nbgrader on the whole
    notebook. Rewrites the notebook at ``path``; the note names the cells."""
    nb = _read(path)
    originals = {cell.get("id"): cell for cell in released.cells if cell.metadata.get("nbgrader")}
    grade_ids = {grade_id(cell) for cell in originals.values()}
    changed, seen = [], set()
    for cell in nb.cells:
        original = originals.get(cell.get("id"))
        meta = cell.metadata.get("nbgrader")
        if original is not None and (meta != original.metadata.nbgrader or cell.cell_type != original.cell_type):
            _become(cell, original)
            changed.append(grade_id(original))
        elif original is None and meta and (meta.get("grade_id") not in grade_ids or meta.get("grade_id") in seen):
            del cell.metadata["nbgrader"]
            changed.append(f"a copy of {meta.get('grade_id')}")
        if cell.metadata.get("nbgrader"):
            seen.add(grade_id(cell))
    if not changed:
        return ""
    nbformat.write(nb, path)
    return f"the grading metadata of {', '.join(changed)} had been changed, and was put back."


def _become(cell, original):
    """Give ``cell`` the type and grading metadata of the released ``original``, keeping its source."""
    cell.cell_type = original.cell_type
    cell.metadata["nbgrader"] = copy.deepcopy(original.metadata.nbgrader)
    if cell.cell_type == "code":
        cell.setdefault("outputs", [])
        cell.setdefault("execution_count", None)
    else:
        cell.pop("outputs", None)
        cell.pop("execution_count", None)


def find_notebook(folder, assignment, releases):
    """(the notebook to grade, a note, "") or (None, why there is none, the state that leaves). Of the submitted
    notebooks that are the assignment's (identify.py), whatever their names, the one with the most answers changed
    from the release is graded (the rightly named one when they tie); the note names it when it is not the only
    file, and what else was there."""
    expected = folder / f"{assignment}.ipynb"
    files = sorted((path for path in folder.iterdir() if path.is_file() and path.name not in BESIDE_SUBMISSIONS),
                   key=lambda path: (path != expected, path.name))
    if not files:
        return None, "no notebook in the submission (it is empty)", UNGRADABLE
    read = {path: read_notebook(path) for path in files if path.suffix == ".ipynb"}
    ours = {path: releases.answers_changed(nb, assignment) for path, (nb, _) in read.items()
            if nb is not None and releases.assignment_of(nb) == assignment}
    sent = {path: _changed(ours[path]) if path in ours else _what(read.get(path), releases) for path in files}
    if ours:
        chosen = max(ours, key=lambda path: (ours[path], path == expected))
        others = [f"{path.name} ({sent[path]})" for path in files if path != chosen]
        if chosen == expected and not others:
            return chosen, "", ""
        also = f"; also sent {', '.join(others)}." if others else "."
        return chosen, _short(f"used {chosen.name} ({sent[chosen]}){also}"), ""
    unreadable = [path for path in files if path.suffix == ".ipynb" and read[path][0] is None
                  and releases.named_in(path.name) in (assignment, None)]
    if unreadable:  # perhaps the assignment's notebook, broken: the student needs to hear why it was not graded
        return None, _short(f"{unreadable[0].name} is {sent[unreadable[0]]}."), UNGRADABLE
    listed = ", ".join(path.name + (f" ({sent[path]})" if path.suffix == ".ipynb" else "") for path in files)
    if not read:
        return None, _short(f"no notebook in the submission ({listed})"), UNGRADABLE
    elsewhere = all(nb is not None and releases.assignment_of(nb) for nb, _ in read.values())
    return None, _short(f"sent no notebook of {assignment}: {listed}."), MISSING if elsewhere else UNGRADABLE


BESIDE_SUBMISSIONS = {"timestamp.txt", "submission_secret.txt"}  # what nbgrader's exchange adds to a submission
NOTE_LENGTH = 200  # characters: an instructor reads a note in one glance


def _changed(count):
    return f"{count} answer{'' if count == 1 else 's'} changed"


def _what(read, releases):
    """What a submitted file that is not the assignment's notebook is, in a few words."""
    nb, problem = read or (None, "not a notebook")
    if nb is None:
        return problem
    belongs = releases.assignment_of(nb)
    return f"the notebook of {belongs}" if belongs else "a notebook of no assignment"


def _short(note):
    return note if len(note) <= NOTE_LENGTH else note[:NOTE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _graded_copy(folder, chosen, copy):
    """The submission as nbgrader grades it: the chosen notebook under the assignment's name, beside the
    submission's other files but no other notebook. The collected submission stays as it came."""
    shutil.copytree(folder, copy.parent, ignore=lambda _, names: [name for name in names if name.endswith(".ipynb")])
    shutil.copyfile(chosen, copy)
    return copy


def mistakes_named(nb):
    """{test cell grade_id: [the Mistakes its failing checks matched]}, as `check` recorded them."""
    found = {}
    for cell in nb.cells:
        named = [name for output in cell.get("outputs", []) if output.output_type == "display_data"
                 for name in output.data.get(MISTAKES_MIME, {}).get("mistakes", [])]
        if is_test(cell) and named:
            found[grade_id(cell)] = named
    return found


def _autograde(course, assignment, student, submitted, preload, cell_time_limit, time_limit):
    """nbgrader's autograde of one student's submission in the folder ``submitted`` (of nbgrader's form
    <submitted>/<student>/<assignment>), in this process; (its result, whether the time bound stopped it, the
    last cell that started running)."""
    config = kernel_config(course, preload, cell_time_limit)
    config.CourseDirectory.submitted_directory = str(submitted)
    config.Execute.on_cell_execute = running = _RunningCell()
    api = NbGraderAPI(config=config)
    api.log = nbgrader_log.LOG
    with _Deadline(time_limit) as deadline:
        result = api.autograde(assignment, student, force=True, create=True)
    return result, deadline.passed, running.name


def kernel_config(course, preload, cell_time_limit=CELL_TIME_LIMIT):
    """The course's nbgrader configuration for grading kernels: forked from a zygote that preloads ``preload``,
    sandboxed where bubblewrap runs, with a memory limit. The preflight (preflight.py) starts its kernel with it too,
    so that grading then reuses the zygote the preflight started."""
    os.environ[RECORD_MISTAKES] = "1"  # the grading kernels inherit it (and so the zygote, started by the first)
    config = course.nbgrader_config()
    config.Execute.kernel_manager_class = f"{WarmKernelManager.__module__}.{WarmKernelManager.__name__}"
    config.Execute.timeout = cell_time_limit
    config.Execute.shutdown_kernel = "immediate"  # a graded kernel has nothing left to do: killed, not asked to stop
    config.WarmKernelManager.preload = list(preload)
    config.WarmKernelManager.sandbox = sandbox.unavailable() is None
    config.WarmKernelManager.memory_limit = MEMORY_LIMIT
    config.WarmKernelManager.scrub_environment = True  # sandboxed or not, no grader's variable reaches a kernel
    return config


class _Deadline:
    """Kills this process's grading kernels once ``seconds`` have passed: nbclient then sees a dead kernel and
    nbgrader gives up on the notebook, instead of one cell timeout after another."""

    def __init__(self, seconds):
        self.passed = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def _expire(self):
        self.passed = True
        kill_running_kernels()

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc_info):
        self._timer.cancel()


class _RunningCell:
    """nbclient's hook for each cell it runs: the name of the one running, for the outcome of a notebook that
    runs out of time."""

    name = None

    def __call__(self, cell, cell_index):
        self.name = _cell_name(cell, cell_index - 1)  # the seals put a cell of the grading's own first

    def __deepcopy__(self, memo):
        return self  # nbgrader copies its configuration: every copy reports here


def _course_notebook(path):
    """The release's or the source's notebook, read once per version of the file: it is the same for every student
    a worker grades. Not to be changed."""
    return _read_once(path, path.stat().st_mtime_ns)


def _names_the_tests_rely_on(source):
    return _worked_out_once(source, source.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _read_once(path, version):
    return _read(path)


@functools.lru_cache(maxsize=8)
def _worked_out_once(source, version):
    return inspection.names_the_tests_rely_on(_read_once(source, version))


def _read(path):
    """The submitted notebook; nbformat renames a duplicated cell id, and says so on stderr, which is no place
    for a student's mistake (restore_grading_metadata names it)."""
    with catch_warnings():
        simplefilter("ignore")
        return nbformat.read(path, as_version=4)


def _cells_with_error(nb, ename):
    return [_cell_name(cell, index) for index, cell in enumerate(nb.cells)
            if any(output.get("ename") == ename for output in cell.get("outputs", []))]


def _cell_name(cell, index):
    """How the notes name a cell: by its grade id, or by its place in the notebook."""
    return grade_id(cell) if cell.metadata.get("nbgrader") else f"number {index + 1}"

