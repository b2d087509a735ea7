"""The sandbox grading kernels run in: bubblewrap, with no network and nothing of the course to read or write.

Stock nbgrader runs a student's code as the grader, in the course's folder, with the grader's environment: it
could read the hidden tests, the gradebook and other students' work, write anywhere the grader can, read the
grader's settings and reach the network. Here each grading worker's zygote (zygote.py), and so every kernel forked
from it, runs under `bwrap` with:

- its own user, process, network (no interface but a loopback of its own), IPC and host-name namespaces, and no
  capabilities; it ends when the worker's socket to its zygote closes (the worker stopped or died);
- read-only, at neutral paths: the system's programs and libraries, the Python installation (/opt/python), the
  environment's packages (/opt/env), the helper package nncourse (/opt/course) and zygote.py (/opt/grading);
  nothing else of the course (no solutions, gradebook, exchange or other submission);
- writable: the kernel's own folder (/submission: a copy of the submission's files, without notebooks, since the
  notebook being graded holds the hidden tests), /scratch (its HOME and TMPDIR) and /dev/shm, all three emptied
  before every kernel, the last two memory file systems of at most TMPFS_SIZE bytes each; and the folder of the
  sockets through which the grader talks to the kernel (/ipc: jupyter_client removes each kernel's). Nothing
  else is writable, / and /tmp included: what one kernel writes, the next cannot read;
- an environment of its own (``kernel_environment``): the few variables Python, IPython, matplotlib, TensorFlow,
  nbgrader and nncourse read, never the grader's.

What a kernel can still learn of this machine, and why it does not matter: /proc/self/mountinfo gives each bind's
source folder (the Python installation's, the environment's, nncourse's, and this worker's sandbox folders under
the host's temporary folder), and the environment's package records (an editable install's finder, direct_url.json)
name the folder nncourse was installed from. These are names only: nothing but what is bound is reachable, and
it is read-only, but for the sandbox's own folders.

A worker grades one submission at a time, so one sandbox per worker holds one student's code at a time; its
zygote kills what a kernel left running, and empties /scratch and /dev/shm, before it forks the next (zygote.py).
The sandbox's folders on this machine are removed when the worker exits, and, however it stops (SIGKILL
included), by a watcher process that removes them once the worker is gone (``_remove_when_gone``).
"""
import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import nncourse
from nncourse.checks import RECORD_MISTAKES
from nncourse.tf import QUIET as TENSORFLOW_QUIET

from . import zygote

SUBMISSION = "/submission"  # the kernel's folder, as the sandbox mounts it
SCRATCH = zygote.SANDBOX_SCRATCH  # its home and temporary folder
TMPFS_SIZE = 256 << 20  # bytes each of /scratch and /dev/shm may hold
SYSTEM = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
SYSTEM_FILES = ["/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
                "/etc/fonts"]
# Where the sandbox shows the Python installation, the environment, the helper package and the zygote
PYTHON, ENV, COURSE, GRADING = "/opt/python", "/opt/env", "/opt/course", "/opt/grading"
ZYGOTE = f"{GRADING}/zygote.py"
# The variables a sandboxed kernel gets whatever the grader's are: its home and scratch space, inside the sandbox
# and emptied per kernel; a plain search path and locale; nncourse found at its neutral path. glibc gives a
# process up to eight malloc arenas per core, each reserving 64 MiB of address space: a fixed few keep the
# address-space limit (zygote.py) the same on any machine.
ENVIRONMENT = {"HOME": SCRATCH, "TMPDIR": SCRATCH, "MPLCONFIGDIR": f"{SCRATCH}/matplotlib",
               "IPYTHONDIR": f"{SCRATCH}/ipython", "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
               "PYTHONPATH": COURSE, "PYTHONDONTWRITEBYTECODE": "1", "MALLOC_ARENA_MAX": "4",
               "LD_LIBRARY_PATH": f"{PYTHON}/lib"}  # for an interpreter that finds libpython by an absolute path
# What a kernel reads of the grader's environment, where the grader has set it: matplotlib's backend (ipykernel
# sets it), TensorFlow's quiet start (nncourse/tf.py), nbgrader's NBGRADER_EXECUTION and NBGRADER_VALIDATING,
# nncourse's RECORD_MISTAKES, and the thread counts of NumPy's and TensorFlow's pools.
PASSED_ON = {"MPLBACKEND", *TENSORFLOW_QUIET, "NBGRADER_EXECUTION", "NBGRADER_VALIDATING", RECORD_MISTAKES,
             "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "PYTHONHASHSEED"}
# An unsandboxed kernel (no bubblewrap here) keeps these of the grader's too: it runs on the machine as it is.
UNSANDBOXED = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE"}


def kernel_environment(env, sandboxed):
    """The environment a grading kernel gets, from the one jupyter_client made for it (the grader's, with the
    kernel's own variables): only what kernels read, never the grader's settings (JUPYTER_CONFIG_PATH, the
    exchange, the database's address, credentials)."""
    kept = PASSED_ON if sandboxed else PASSED_ON | UNSANDBOXED
    return {**{name: value for name, value in env.items() if name in kept}, **(ENVIRONMENT if sandboxed else {})}


def switched_off():
    """Whether the instructor chose to grade without the sandbox: SANDBOX=off (`make autograde SANDBOX=off`)."""
    return os.environ.get("SANDBOX", "").strip().lower() == "off"


@functools.cache
def unavailable():
    """Why grading kernels cannot be sandboxed here, or None when they can: bubblewrap is installed and runs, and
    the instructor did not switch it off (SANDBOX=off in the environment)."""
    if switched_off():
        return "it is switched off (SANDBOX=off)"
    if not sys.platform.startswith("linux"):
        return "bubblewrap runs on Linux only"
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    with Sandbox() as trial:
        run = subprocess.run(trial.command([executable(), "-c", "import nncourse"]), capture_output=True,
                             text=True, env=ENVIRONMENT)
    if run.returncode != 0:
        return f"bubblewrap does not run here ({(run.stderr.strip() or 'no message').splitlines()[-1]})"
    return None


def executable():
    """The path of this Python in the sandbox."""
    return f"{ENV}/bin/python3" if sys.prefix != sys.base_prefix else f"{PYTHON}/bin/python3"


class Sandbox:
    """One worker process' sandbox: its folders on this machine, and the command that runs a program in it."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="nncourse-sandbox-"))
        _remove_when_gone(self.root)
        self.submission, self.ipc = self.root / "submission", self.root / "ipc"
        for folder in (self.submission, self.ipc):
            folder.mkdir()

    def command(self, argv):
        """``argv`` run in the sandbox (its first word a path in the sandbox, such as ``executable()``)."""
        mounts = []
        for path in dict.fromkeys(map(str, [*SYSTEM, *SYSTEM_FILES])):
            if os.path.islink(path):
                mounts += ["--symlink", os.readlink(path), path]  # /lib -> usr/lib on a merged-/usr system
            elif os.path.exists(path):
                mounts += ["--ro-bind", path, path]
        mounts += self._python()
        mounts += ["--ro-bind", str(Path(nncourse.__file__).parent), f"{COURSE}/nncourse",
                   "--ro-bind", zygote.__file__, ZYGOTE]
        # No --die-with-parent: it ties the sandbox to the thread that started it, which a kernel manager's
        # event loop ends soon after. The zygote ends when its socket to the worker closes, and with it the
        # sandbox's init and so every process of the sandbox.
        # bwrap by the path found on our PATH, which unavailable() tried: the command runs with the sandbox's own
        # environment, whose PATH could find another
        return [shutil.which("bwrap") or "bwrap", "--unshare-all", "--new-session", "--cap-drop", "ALL",
                "--uid", "1000", "--gid", "1000", "--hostname", "grading",
                *mounts, "--proc", "/proc", "--dev", "/dev",
                "--size", str(TMPFS_SIZE), "--perms", "1777", "--tmpfs", "/dev/shm",
                "--size", str(TMPFS_SIZE), "--perms", "0700", "--tmpfs", SCRATCH,
                "--bind", str(self.submission), SUBMISSION, "--bind", str(self.ipc), zygote.SANDBOX_IPC,
                "--remount-ro", "/", "--chdir", SUBMISSION, "--", *argv]

    def _python(self):
        """The mounts that give the sandbox this Python at neutral paths: its installation at PYTHON, and a
        virtual environment's packages at ENV, with the interpreter itself (not the environment's symlink to
        it, which points outside) and a pyvenv.cfg saying where the installation is."""
        mounts = ["--ro-bind", sys.base_prefix, PYTHON]
        interpreter = os.path.realpath(sys.executable)
        if sys.prefix == sys.base_prefix:
            return mounts + ["--ro-bind", interpreter, executable()]
        settings = self.root / "pyvenv.cfg"
        settings.write_text(f"home = {PYTHON}/bin\ninclude-system-site-packages = false\n"
                            f"version = {'.'.join(map(str, sys.version_info[:3]))}\n")
        return mounts + ["--ro-bind", os.path.join(sys.prefix, "lib"), f"{ENV}/lib",
                         "--ro-bind", str(settings), f"{ENV}/pyvenv.cfg", "--ro-bind", interpreter, executable()]

    def stage(self, folder):
        """Empty the kernel's folder, and copy into it the files of ``folder`` but notebooks."""
        for path in self.submission.iterdir():  # emptied, not replaced: the sandbox mounts this folder
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        folder = Path(folder)
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix != ".ipynb" and not path.is_symlink():
                target = self.submission / path.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)

    def connection_file(self, kernel_id):
        """Where a sandboxed kernel's connection file goes: beside its sockets, which the sandbox can reach."""
        return self.ipc / f"kernel-{kernel_id[:8]}.json"

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.remove()


def _remove_when_gone(folder):
    """Remove ``folder`` once this process has ended, however it ends: a watcher in a session of its own (so that
    what kills this process' group spares it) waits for the end of a pipe only this process holds, which the
    system closes when the process is gone. A Dask worker that is terminated, or killed, runs no atexit."""
    read, write = os.pipe()  # not inherited by the programs this process runs, and closed in its forks (below)
    subprocess.Popen(["/bin/sh", "-c", 'cat >/dev/null; rm -rf -- "$0"', str(folder)], stdin=read,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                     env={"PATH": "/usr/bin:/bin"})
    os.close(read)
    _watched.append(write)


_lock = threading.Lock()
_ours = []  # this process' sandbox, once one is needed
_watched = []  # this process' ends of its watchers' pipes


def of_this_process():
    """This process' sandbox, made on first use and removed at exit."""
    with _lock:
        if not _ours:
            _ours.append(Sandbox())
        return _ours[0]


def _remove_ours():
    with _lock:
        for sandbox in _ours:
            sandbox.remove()
        _ours.clear()


def _forget_inherited_state():
    """A process forked from ours makes a sandbox of its own, and does not keep ours alive."""
    global _lock
    _lock = threading.Lock()
    _ours.clear()
    for write in _watched:
        os.close(write)
    _watched.clear()


os.register_at_fork(after_in_child=_forget_inherited_state)
atexit.register(_remove_ours)
