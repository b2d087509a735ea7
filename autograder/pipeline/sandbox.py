"""The sandbox grading kernels run in: bubblewrap, with no network and nothing of the course to read or write.

Stock nbgrader runs a student's code as the grader, in the course's folder: it could read the hidden tests, the
gradebook and other students' work, write anywhere the grader can, and reach the network. Here each grading
worker's zygote (zygote.py), and so every kernel forked from it, runs under `bwrap` with:

- its own user, process, network (no interface but a loopback of its own), IPC and host-name namespaces, and no
  capabilities; it ends when the worker's socket to its zygote closes (the worker stopped or died);
- read-only: the system's programs and libraries, the Python installation and environment, the helper package
  nncourse, and zygote.py; nothing else of the course (no solutions, gradebook, exchange or other submission);
- writable: three folders of the worker's: the kernel's own folder (/submission: a copy of the submission's
  files, without notebooks, since the notebook being graded holds the hidden tests) and /scratch (its HOME and
  TMPDIR), both emptied before every kernel, and the folder of the sockets through which the grader talks to
  the kernel (/ipc: jupyter_client removes each kernel's). Nothing else is writable, / and /tmp included: what
  one kernel writes, the next cannot read.

A worker grades one submission at a time, so one sandbox per worker holds one student's code at a time; its
zygote kills what a kernel left running before it forks the next (zygote.py).
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

from . import zygote

SUBMISSION = "/submission"  # the kernel's folder, as the sandbox mounts it
SCRATCH = zygote.SANDBOX_SCRATCH  # its home and temporary folder
SYSTEM = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]
SYSTEM_FILES = ["/etc/ld.so.cache", "/etc/localtime", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf",
                "/etc/fonts"]
# What a sandboxed kernel's environment says about its home and scratch space: inside the sandbox, emptied per kernel.
ENVIRONMENT = {"HOME": SCRATCH, "TMPDIR": SCRATCH, "MPLCONFIGDIR": f"{SCRATCH}/matplotlib",
               "IPYTHONDIR": f"{SCRATCH}/ipython"}


@functools.cache
def unavailable():
    """Why grading kernels cannot be sandboxed here, or None when they can: bubblewrap is installed and runs."""
    if not sys.platform.startswith("linux"):
        return "bubblewrap runs on Linux only"
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    with Sandbox() as trial:
        run = subprocess.run(trial.command(["true"]), capture_output=True, text=True)
    if run.returncode != 0:
        return f"bubblewrap does not run here ({(run.stderr.strip() or 'no message').splitlines()[0]})"
    return None


class Sandbox:
    """One worker process' sandbox: its folders on this machine, and the command that runs a program in it."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="nncourse-sandbox-"))
        self.submission, self.tmp, self.ipc = (self.root / name for name in ("submission", "tmp", "ipc"))
        for folder in (self.submission, self.tmp, self.ipc):
            folder.mkdir()

    def command(self, argv):
        """``argv`` run in the sandbox (its first word is a path in the sandbox, such as sys.executable)."""
        readable = [*SYSTEM, *SYSTEM_FILES, sys.base_prefix, sys.prefix, Path(nncourse.__file__).parent,
                    zygote.__file__]
        mounts = []
        for path in dict.fromkeys(map(str, readable)):
            if os.path.islink(path):
                mounts += ["--symlink", os.readlink(path), path]  # /lib -> usr/lib on a merged-/usr system
            elif os.path.exists(path):
                mounts += ["--ro-bind", path, path]
        # No --die-with-parent: it ties the sandbox to the thread that started it, which a kernel manager's
        # event loop ends soon after. The zygote ends when its socket to the worker closes, and with it the
        # sandbox's init and so every process of the sandbox.
        return ["bwrap", "--unshare-all", "--new-session", "--cap-drop", "ALL",
                "--uid", "1000", "--gid", "1000", "--hostname", "grading",
                *mounts, "--proc", "/proc", "--dev", "/dev",
                "--bind", str(self.tmp), SCRATCH, "--bind", str(self.submission), SUBMISSION,
                "--bind", str(self.ipc), zygote.SANDBOX_IPC, "--remount-ro", "/", "--chdir", SUBMISSION,
                *[word for name, value in ENVIRONMENT.items() for word in ("--setenv", name, value)],
                "--", *argv]

    def stage(self, folder):
        """Empty the kernel's folders, and copy into its own folder the files of ``folder`` but notebooks."""
        for scratch in (self.submission, self.tmp):  # emptied, not replaced: the sandbox mounts these folders
            for path in scratch.iterdir():
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


_lock = threading.Lock()
_ours = []  # this process' sandbox, once one is needed


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
    """A process forked from ours makes a sandbox of its own."""
    global _lock
    _lock = threading.Lock()
    _ours.clear()


os.register_at_fork(after_in_child=_forget_inherited_state)
atexit.register(_remove_ours)
