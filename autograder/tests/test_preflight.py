"""A grader that cannot grade says so once, and stops before any student gets a state (pipeline/preflight.py).
A Dask worker with two threads, seen on a real set-up, is reproduced; a `.venv` reached through a symbolic link out
of the repository, which bubblewrap once could not run, now grades."""
import logging
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat
import pytest
from distributed import Client, LocalCluster

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


def autograde(root, exchange, *options, python=sys.executable, path=(), **variables):
    """`make autograde`'s command on ASSIGNMENT; ``path``: folders put first on PATH; ``variables``: more environment."""
    env = dict(nbgrader_env(root / "autograder"), NBGRADER_EXCHANGE=str(exchange))
    env.pop("SANDBOX", None)  # the tests' own choice where bubblewrap cannot run (conftest.py)
    env.update(variables)
    env["PATH"] = os.pathsep.join([*map(str, path), env["PATH"]])
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


@pytest.mark.skipif(sandbox.unavailable() is not None, reason=f"no sandbox here: {sandbox.unavailable()}")
def test_a_worker_whose_kernels_cannot_start_stops_the_step_once_and_blames_no_student(course, tmp_path):
    """A Dask worker started by hand from an environment layered on the course's by a .pth file: the worker's
    Python finds every package, but the grading kernels' Python, in the sandbox, does not (the .pth names a folder
    the sandbox does not mount), so no grading kernel can start there. The step stops once, with exit 1 and one
    sentence naming the worker and what its kernels cannot import; no student is marked "could not be graded"."""
    root, exchange = course
    layered = tmp_path / "layered-env"
    base_python = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([base_python, "-m", "venv", "--without-pip", layered], check=True)
    site_packages, = layered.glob("lib/python*/site-packages")
    (site_packages / "course-env.pth").write_text(f"import site; site.addsitedir({sysconfig.get_path('purelib')!r})\n")
    before = outcomes(root)
    with LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as scheduler:
        env = dict(nbgrader_env(root / "autograder"), NBGRADER_EXCHANGE=str(exchange))
        env.pop("SANDBOX", None)
        worker = subprocess.Popen([layered / "bin" / "python", "-m", "distributed.cli.dask_worker",
                                   scheduler.scheduler_address, "--nthreads", "1", "--no-dashboard",
                                   "--local-directory", tmp_path / "dask"], cwd=root, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with Client(scheduler) as client:
                client.wait_for_workers(1, timeout=120)
            result = autograde(root, exchange, "--scheduler", scheduler.scheduler_address)
        finally:
            worker.terminate()
            worker.wait(60)
    said = result.stderr.strip()
    assert re.fullmatch(r"make autograde: the grader cannot grade on the Dask worker at tcp://127\.0\.0\.1:\d+: a "
                        r"grading kernel does not start \(the sandbox could not start a kernel: its Python cannot "
                        r"import ipykernel\.kernelapp \(ModuleNotFoundError: No module named 'ipykernel'\)\)",
                        said), said
    assert_stopped_before_grading(root, result, before)


def test_the_same_grader_failure_for_every_student_of_a_batch_is_the_graders():
    failed = {"s1": "no grading kernel could start (x)", "s2": "no grading kernel could start (x)"}
    broken = preflight.grader_failure("01", failed, ["s1", "s2"])
    assert str(broken) == ("no student of 01 could be graded, for a reason of the grader's, not theirs: "
                           "no grading kernel could start (x)")
    assert preflight.grader_failure("01", failed, ["s1", "s2", "s3"]) is None  # s3 was graded: not every student
    assert preflight.grader_failure("01", {**failed, "s2": "its worker failed: y"}, ["s1", "s2"]) is None
    assert preflight.grader_failure("01", {"s1": "x"}, ["s1"]) is None  # one student: said in their outcome


# What bubblewrap says where the system forbids the user namespaces it needs (a container, a hardened kernel)
NO_NAMESPACES = ("bwrap: No permissions to create new namespace, likely because the kernel does not allow "
                 "non-privileged user namespaces.")


@pytest.fixture()
def bwrap_without_namespaces(tmp_path):
    """A folder holding a `bwrap` that fails as bubblewrap does where it cannot create its namespaces."""
    fake = tmp_path / "bin" / "bwrap"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho '{NO_NAMESPACES}' >&2\nexit 1\n")
    fake.chmod(0o755)
    return fake.parent


def test_a_grader_whose_sandbox_cannot_start_refuses_to_grade_unless_told_to(course, bwrap_without_namespaces):
    """Grading is a judge student code cannot reach: without a sandbox it stops in one sentence, exit 1, before any
    student gets a state; SANDBOX=off is the instructor's explicit choice to grade without it, said once."""
    root, exchange = course
    before = outcomes(root)
    result = autograde(root, exchange, "--workers", "1", path=[bwrap_without_namespaces])
    assert result.stderr.strip() == (
        f"make autograde: the grader cannot grade: grading kernels run in a sandbox, and bubblewrap does not run "
        f"here ({NO_NAMESPACES}): install bubblewrap where it can run (apt-get install bubblewrap), or grade "
        "without it, student code then running with your rights, with SANDBOX=off")
    assert_stopped_before_grading(root, result, before)

    result = autograde(root, exchange, "--workers", "1", path=[bwrap_without_namespaces], SANDBOX="off")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(STUDENTS)} graded" in result.stdout, result.stdout
    said = [line for line in (result.stdout + result.stderr).splitlines() if "sandbox" in line]
    assert said == ["grading was not sandboxed: it is switched off (SANDBOX=off); student code ran with the "
                    "grader's rights"], result.stdout + result.stderr
