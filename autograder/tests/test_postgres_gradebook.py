"""nbgrader's gradebook on a real PostgreSQL server, written by several graders at once: students autograded
by the pipeline's concurrent workers into one PostgreSQL gradebook score exactly as they do graded one after
another by stock nbgrader into SQLite, the default. The server is the tests' own (postgres_server.py); without PostgreSQL
these tests are skipped, saying why."""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest
import sqlalchemy
from nbgrader.api import Gradebook

from autograder.course import nbgrader_env
from autograder.gradebook import CourseDirectory
from autograder.notebooks import answers, with_answers
from autograder.pipeline.workers import grade_students
from autograder.tests import postgres_server
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.postgres_server import running_postgres

ASSIGNMENT = ASSIGNMENTS[0]
STUDENTS = [f"student-{index}" for index in range(4)]
GRADERS = 2  # the pipeline's workers, writing the PostgreSQL gradebook at once


def test_concurrent_workers_on_postgres_score_as_one_grader_on_sqlite(postgres_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", nbgrader_env()["PATH"])  # a new gradebook is stamped by running `alembic`
    with Gradebook(postgres_url):  # made once, up front: two graders finding no tables would both create them
        pass
    sqlite = CourseDirectory.scratch(tmp_path / "sqlite", [ASSIGNMENT])
    postgres = CourseDirectory(CourseDirectory.scratch(tmp_path / "postgres", [ASSIGNMENT]).root,
                               db_url=postgres_url)  # a second scratch course, graded into PostgreSQL
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda course: course.nbgrader("generate_assignment", ASSIGNMENT), (sqlite, postgres)))
    solved = with_answers(sqlite.notebook("release", ASSIGNMENT), answers(sqlite.notebook("source", ASSIGNMENT)))
    for course in (sqlite, postgres):
        for student in STUDENTS:
            course.submit(student, ASSIGNMENT, solved)

    with ThreadPoolExecutor(1) as serial:
        one_grader = serial.submit(sqlite.nbgrader, "autograde", ASSIGNMENT)  # every student, one after another
        outcomes = grade_students(postgres, ASSIGNMENT, STUDENTS, workers=GRADERS)
        one_grader.result()

    assert {student: outcome.state for student, outcome in outcomes.items()} == dict.fromkeys(STUDENTS, "graded")
    expected = {student: sqlite.scores(ASSIGNMENT, student) for student in STUDENTS}
    assert all(expected.values()), "the SQLite gradebook has no graded cells"
    got = {student: postgres.scores(ASSIGNMENT, student) for student in STUDENTS}
    short = {student: {cell: score for cell, score in scores.items() if score[0] != score[1]}
             for student, scores in got.items()}
    assert not any(short.values()), f"solved submissions short of full marks in PostgreSQL: {short}"
    assert got == expected
    with Gradebook(postgres_url) as gradebook:
        assert sorted(s.student_id for s in gradebook.find_assignment(ASSIGNMENT).submissions) == STUDENTS


def test_server_stops_and_leaves_nothing_behind_when_its_user_fails(postgres_url, tmp_path):
    """(Needs postgres_url only to be skipped where it is.)"""
    with pytest.raises(ZeroDivisionError):
        with running_postgres(tmp_path) as url:
            port = sqlalchemy.engine.make_url(url).port
            server = next(process for process in psutil.process_iter(["cmdline"])
                          if f"port={port}" in (process.info["cmdline"] or []))
            family = [server, *server.children(recursive=True)]
            data = Path(server.info["cmdline"][server.info["cmdline"].index("-D") + 1])
            1 / 0
    assert not [process for process in family if process.is_running()]
    assert not data.exists() and not data.parent.exists()


def test_says_in_one_line_why_without_postgresql(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(postgres_server, "DEBIAN_BINARIES", str(tmp_path / "*" / "bin"))
    reason = postgres_server.postgres_unavailable()
    assert reason and "\n" not in reason and "not installed" in reason
    with pytest.raises(postgres_server.PostgresUnavailable, match="not installed"):
        with running_postgres(tmp_path):
            pass
