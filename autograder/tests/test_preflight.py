"""A grader that cannot grade says so once, and stops before any student gets a state (pipeline/preflight.py).
A Dask worker with two threads, seen on a real set-up, is reproduced; a `.venv` reached through a symbolic link out
of the repository, which bubblewrap once could not run, now grades."""
import logging
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from distributed import LocalCluster

from autograder.course import nbgrader_env
from autograder.notebooks import answers, with_answers
from autograder.pipeline import preflight, sandbox
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy, run

ASSIGNMENT = ASSIGNMENTS[0]
STUDENTS = ["s1", "s2"]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course with ASSIGNMENT released and two students' submissions collected."""
    tmp = tmp_path_factory.mktemp("preflight")
    root, exchange = make_copy(tmp / "course-copy"), tmp / "exchange"
    assert run(root, "autograder.release", ASSIGNMENT, exchange=exchange).returncode == 0
    released = nbformat.read(root / "course" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for student in STUDENTS:
        folder = root / "autograder" / "runtime" / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(with_answers(released, answers(source)), folder / f"{ASSIGNMENT}.ipynb")
    return root, exchange


def autograde(root, exchange, *options, python=sys.executable):
    env = dict(nbgrader_env(root / "autograder"), NBGRADER_EXCHANGE=str(exchange))
    return subprocess.run([python, "-m", "autograder.pipeline", "autograde", ASSIGNMENT, *options], cwd=root,
                          env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def outcomes(root):
    """Every student's saved state: the files of the outcomes folder, with their contents."""
    folder = root / "autograder" / "runtime" / "outcomes"
    return sorted((str(path.relative_to(folder)), path.read_bytes()) for path in folder.rglob("*") if path.is_file())


def assert_stopped_before_grading(root, result, before):
    """Exit status 1, one line saying why, and no student's state changed (``before``: the outcomes beforehand)."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "graded" not in result.stdout, result.stdout
    assert outcomes(root) == before


@pytest.mark.skipif(sandbox.unavailable() is not None, reason=f"no sandbox here: {sandbox.unavailable()}")
def test_a_venv_linked_from_elsewhere_grades_in_the_sandbox(course):
    """A `.venv` that is a symbolic link to a folder elsewhere: the sandbox once mounted the link's path, which
    bubblewrap could not run, and every student was "could not be graded". It now mounts the environment at a
    neutral path, from wherever it really is."""
    root, exchange = course
    linked = root / ".venv"
    linked.symlink_to(Path(sys.prefix), target_is_directory=True)
    try:
        result = autograde(root, exchange, "--workers", "1", python=str(linked / "bin" / "python"))
    finally:
        linked.unlink()
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(STUDENTS)} graded" in result.stdout, result.stdout
    assert "sandbox" not in result.stdout + result.stderr


def test_a_dask_worker_with_two_threads_is_refused_with_the_command_that_fixes_it(course):
    """`dask worker` starts several threads by default; the sandbox and the time bound are per process."""
    root, exchange = course
    before = outcomes(root)
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as scheduler:
        result = autograde(root, exchange, "--scheduler", scheduler.scheduler_address)
        worker, = scheduler.workers.values()
        said = result.stderr.strip()
        assert said == (f"make autograde: the Dask worker at {worker.address} has 2 threads, and grading needs one "
                        "per worker (a sandbox and a time bound are per process): start workers with "
                        f"`dask worker {scheduler.scheduler_address} --nthreads 1`")
    assert_stopped_before_grading(root, result, before)


def test_the_same_grader_failure_for_every_student_of_a_batch_is_the_graders():
    failed = {"s1": "no grading kernel could start (x)", "s2": "no grading kernel could start (x)"}
    broken = preflight.grader_failure("01", failed, ["s1", "s2"])
    assert str(broken) == ("no student of 01 could be graded, for a reason of the grader's, not theirs: "
                           "no grading kernel could start (x)")
    assert preflight.grader_failure("01", failed, ["s1", "s2", "s3"]) is None  # s3 was graded: not every student
    assert preflight.grader_failure("01", {**failed, "s2": "its worker failed: y"}, ["s1", "s2"]) is None
    assert preflight.grader_failure("01", {"s1": "x"}, ["s1"]) is None  # one student: said in their outcome
