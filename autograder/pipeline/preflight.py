"""Before the first student: can this grader grade at all?

A grader that cannot start a kernel, or a Dask worker that runs several tasks at once, does not fail on one
student: it fails on every one of them, and each would be told "could not be graded" for a reason that is not
theirs. So before any student is graded, every worker is checked: it runs one task at a time (the sandbox, the
notebook's time bound and the kernels' environment belong to the worker's process), it sees the course where
this process does, and it starts a grading kernel the way grading does (the same zygote, sandbox and memory
limit: grading.kernel_config) and runs a cell in it. The zygote it starts is the one grading then forks its
kernels from, so a warm worker pays only for one kernel, a fraction of a second.

Grading is a judge that student code cannot reach: a grader whose kernels cannot run in the sandbox (no
bubblewrap, or one that cannot start here) is refused like a broken one, unless the instructor has chosen to grade
without it, with SANDBOX=off in the command's environment (``sandbox.switched_off``).

Any failure is said in one sentence, and the step stops before a student is given a state.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbgrader.preprocessors import Execute

from ..gradebook import CourseDirectory
from . import sandbox
from .grade import kernel_config
from .warm_kernels import START_TIMEOUT

CELL = "print(6 * 7)"
ANSWER = "42\n"


class GraderBroken(RuntimeError):
    """The grader cannot grade; its message is one sentence saying why."""


def check(client, course, preload):
    """Raise GraderBroken, in a sentence, unless every worker of ``client`` can grade in ``course`` with kernels
    that preload ``preload``."""
    threads = client.nthreads()
    one_thread = f"dask worker {client.scheduler.address} --nthreads 1"  # a worker grading can use
    if not threads:
        raise GraderBroken(f"the Dask scheduler has no workers: start them with `{one_thread}`")
    for worker, count in sorted(threads.items()):
        if count != 1:
            raise GraderBroken(f"the Dask worker at {worker} has {count} threads, and grading needs one per worker "
                               f"(a sandbox and a time bound are per process): start workers with `{one_thread}`")
    futures = {worker: client.submit(run_a_cell, str(course.root), course.db_url, tuple(preload), sys.version,
                                     sandbox.switched_off(), workers=[worker], allow_other_workers=False, pure=False,
                                     key=f"preflight-{worker}")
               for worker in sorted(threads)}
    for worker, future in futures.items():
        try:
            problem = future.result()
        except Exception as error:  # it could not even run the course's code
            problem = (f"it cannot run the course's code ({_first_line(f'{type(error).__name__}: {error}')}): "
                       "workers need this repository at the same path, and the same environment")
        if problem:
            raise GraderBroken(f"the grader cannot grade on the Dask worker at {worker}: {problem}")


def check_here(course, preload):
    """Raise GraderBroken, in a sentence, unless this process can grade in ``course`` (grading without a cluster)."""
    if problem := run_a_cell(str(course.root), course.db_url, tuple(preload), sys.version, sandbox.switched_off()):
        raise GraderBroken(f"the grader cannot grade: {problem}")


def grader_failure(assignment, failed, students):
    """GraderBroken if every one of ``students`` (two or more) failed for the same reason of the grader's, given
    in ``failed`` {student: reason}; else None, and each failed student's outcome says why."""
    if len(students) > 1 and set(failed) == set(students) and len(set(failed.values())) == 1:
        return GraderBroken(f"no student of {assignment} could be graded, for a reason of the grader's, not theirs: "
                            f"{next(iter(failed.values()))}")
    return None


def run_a_cell(root, db_url, preload, python, unsandboxed=False):
    """On a worker: None if a grading kernel starts there and runs a cell, else what stops it, in a clause.
    ``unsandboxed``: the instructor allows kernels to run outside the sandbox where it cannot start."""
    if sys.version != python:
        return f"it runs Python {sys.version.split()[0]}, not {python.split()[0]}: workers need the same environment"
    if not Path(root).is_dir():
        return f"it has no course at {root}: workers need this repository at the same path"
    if (why := sandbox.unavailable()) and not unsandboxed:
        return (f"grading kernels run in a sandbox, and {why}: install bubblewrap where it can run (apt-get install "
                "bubblewrap), or grade without it, student code then running with your rights, with SANDBOX=off")
    course = CourseDirectory(root, db_url)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    with tempfile.TemporaryDirectory(prefix="nncourse-preflight-") as folder:
        execute = Execute(config=kernel_config(course, preload), startup_timeout=START_TIMEOUT)  # grading's step
        try:
            nb, _ = execute.preprocess(nb, {"metadata": {"path": folder}})
        except Exception as error:
            return f"a grading kernel does not start ({_first_line(error)})"
    printed = "".join(output.get("text", "") for output in nb.cells[0].outputs)
    if printed != ANSWER:
        return f"a grading kernel ran `{CELL}` and gave {printed or 'nothing'!r}"
    return None


def _first_line(text):
    text = str(text).strip()
    return text.splitlines()[0][:200] if text else ""
