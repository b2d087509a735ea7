"""Two students on one Unix account, as on `make hub`'s shared-account set-up or a lab machine's: each submits
from their own working folder, and each one's Assignment List and Fetch Feedback see only their own submissions,
because the students' configuration keeps nbgrader's cache per course and per student (Exchange.cache)."""
import os
import re
import subprocess
import sys

import nbformat

from autograder.course import nbgrader_env
from autograder.notebooks import answers, with_answers
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy, run

ASSIGNMENT = ASSIGNMENTS[0]
COURSE = "nn-fundamentals"
STUDENTS = ["ann", "bob"]


def as_student(root, exchange, name, *args):
    """nbgrader as the Assignment List runs it for ``name`` on a shared account: the students' configuration,
    the hub's user name, the student's own working folder, and the account's one Jupyter data folder."""
    env = dict(nbgrader_env(root / "autograder" / "student"), NBGRADER_EXCHANGE=str(exchange),
               JUPYTER_DATA_DIR=str(root / "shared-account-data"), COURSE_SHARED_ACCOUNT="1",
               JUPYTERHUB_USER=name, COURSE_WORK_DIR=str(root / "homes" / name))
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root / "homes" / name, env=env,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_students_on_one_account_see_only_their_own_submissions_and_feedback(tmp_path):
    root, exchange = make_copy(tmp_path / "course-copy"), tmp_path / "exchange"
    assert run(root, "autograder.release", ASSIGNMENT, exchange=exchange).returncode == 0
    source = nbformat.read(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for name in STUDENTS:
        (root / "homes" / name).mkdir(parents=True)
        as_student(root, exchange, name, "fetch_assignment", ASSIGNMENT)
        if name == "ann":  # ann solves it, bob submits the release as it is
            path = root / "homes" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
            nbformat.write(with_answers(nbformat.read(path, as_version=4), answers(source)), path)
        as_student(root, exchange, name, "submit", ASSIGNMENT)

    for name in STUDENTS:
        listed = as_student(root, exchange, name, "list", "--cached").stderr  # nbgrader logs what it lists
        submitters = set(re.findall(rf"\] {COURSE} (\S+) {ASSIGNMENT} ", listed))
        assert submitters == {name}, f"{name}'s Assignment List shows the submissions of {submitters}"

    for step in (("nbgrader", "collect", ASSIGNMENT), ("autograder.pipeline", "autograde", ASSIGNMENT),
                 ("autograder.pipeline", "feedback", ASSIGNMENT)):
        result = run(root, *step, exchange=exchange)
        assert result.returncode == 0, result.stdout + result.stderr
    for name in STUDENTS:
        as_student(root, exchange, name, "fetch_feedback", ASSIGNMENT)
        fetched = {path.parent.parent.name for path in (root / "homes").rglob("feedback/*/*.html")
                   if name in path.parts}
        assert len(fetched) == 1, f"{name} fetched {len(fetched)} feedback pages"
    pages = {name: next((root / "homes" / name).rglob("feedback/*/*.html")).read_text() for name in STUDENTS}
    assert "is not implemented yet" in pages["bob"] and "is not implemented yet" not in pages["ann"]
    assert not os.path.exists(root / "shared-account-data" / "nbgrader_cache")
