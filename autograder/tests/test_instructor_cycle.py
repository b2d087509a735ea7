"""The instructor's cycle on one machine, as the README describes it: release, a student submits, collect,
autograde, feedback, export. Feedback shows no hidden test; the export lists every student of the course."""
import csv
import getpass
import html
import re

import nbformat
from nbgrader.api import Gradebook

from autograder import working_copy
from autograder.notebooks import HIDDEN_TESTS_BLOCK, answers, exercises, grade_id, is_test, with_answers
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy, run

ASSIGNMENT = ASSIGNMENTS[0]


def test_release_submit_collect_autograde_feedback_export(tmp_path):
    root, exchange = make_copy(tmp_path / "course-copy"), tmp_path / "exchange"

    def nbgrader(*args):
        result = run(root, "nbgrader", *args, exchange=exchange)
        assert result.returncode == 0, f"nbgrader {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result

    assert run(root, "autograder.release", ASSIGNMENT, exchange=exchange).returncode == 0

    # A student's `make lab` copies the release into their working folder. They submit it unsolved, as the
    # Assignment List does (with the students' configuration), and it is collected; then they solve it and
    # submit again: the last submission counts.
    working_copy.update(root / "course", root / "my-work")
    student_copy = root / "my-work" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    source = nbformat.read(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)

    def submit():
        submitted = run(root, "nbgrader", "submit", ASSIGNMENT, exchange=exchange, config="autograder/student")
        assert submitted.returncode == 0, submitted.stdout + submitted.stderr
    submit()
    nbgrader("collect", ASSIGNMENT)
    nbformat.write(with_answers(nbformat.read(student_copy, as_version=4), answers(source)), student_copy)
    submit()
    nbgrader("db", "student", "add", "absent-student")
    # Another hands in the notebook through an LMS, unsolved but for a first function under a misspelt name:
    # every test cell fails, hidden ones included, some of them outside `check` (a NameError).
    lms = root / "autograder" / "runtime" / "submitted" / "lms-student" / ASSIGNMENT
    lms.mkdir(parents=True)
    released = nbformat.read(exchange / "nn-fundamentals" / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    first, *_ = answers(source)
    misspelt = answers(source)[first].replace(f"def {first}(", f"def {first}_function(", 1)
    nbformat.write(with_answers(released, {first: misspelt}), lms / f"{ASSIGNMENT}.ipynb")

    nbgrader("collect", ASSIGNMENT)
    graded = run(root, "autograder.pipeline", "autograde", ASSIGNMENT, exchange=exchange)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    feedback_step = run(root, "autograder.pipeline", "feedback", ASSIGNMENT, exchange=exchange)
    assert feedback_step.returncode == 0, feedback_step.stdout + feedback_step.stderr
    assert "released to the Assignment List of 1 student\n" in feedback_step.stdout
    assert "hand their page back another way: lms-student" in feedback_step.stdout
    nbgrader("export", f"--to={tmp_path / 'grades.csv'}")

    student = getpass.getuser()
    runtime = root / "autograder" / "runtime"
    pages = {who: (runtime / "feedback" / who / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
             for who in (student, "lms-student")}
    for who in (student, "lms-student"):
        feedback = visible_text(pages[who])
        assert "Score" in feedback and "How to work in this notebook" in feedback
        shown = [line for line in hidden_test_lines(source) if line in feedback]
        assert not shown, f"{who}'s feedback shows hidden tests: {shown[:3]}"
    assert "is not implemented yet" in feedback, "the failing student's feedback does not say why"
    assert f"NameError: name '{first}' is not defined" in feedback
    # The summary at the top: a line per exercise with its score, then what each of its tests checks.
    tests = exercises(source)[first]
    points = sum(cell.metadata.nbgrader["points"] for cell in source.cells if is_test(cell) and grade_id(cell) in tests)
    label = next(c.source for c in source.cells if is_test(c) and grade_id(c) == tests[0]).splitlines()[0]
    label = label.removeprefix(f"# {first}:").strip()
    assert f"{first} (Score: 0.0 / {float(points)})" in feedback
    assert f"✗ {label} (Score: 0.0" in feedback
    assert f"✓ {label} (Score: " in visible_text(pages[student])
    assert "this cell's tests are hidden, so their code is not shown" in feedback
    # A hidden test's failure cannot point at a line number: the page does not show the hidden lines.
    assert "in the hidden tests of this cell" in feedback
    assert any((exchange / "nn-fundamentals" / "feedback").iterdir()), "feedback was not released"

    rows = {row["student_id"]: row for row in csv.DictReader((tmp_path / "grades.csv").open())}
    assert set(rows) == {student, "absent-student", "lms-student"}
    assert float(rows[student]["score"]) == float(rows[student]["max_score"]) > 0
    assert float(rows["absent-student"]["score"]) == float(rows["lms-student"]["score"]) == 0

    # The instructor gives a point by hand, as in the formgrader: the next feedback shows the new grade.
    with Gradebook(f"sqlite:///{runtime / 'gradebook.db'}") as gradebook:
        grade = gradebook.find_grade(tests[0], ASSIGNMENT, ASSIGNMENT, "lms-student")
        grade.manual_score = given = grade.max_score
        gradebook.db.commit()
    assert run(root, "autograder.pipeline", "feedback", ASSIGNMENT, exchange=exchange).returncode == 0
    page = visible_text((runtime / "feedback" / "lms-student" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text())
    assert f"{first} (Score: {float(given)} / {float(points)})" in page


def visible_text(page):
    """What a reader of an HTML page sees: tags (syntax highlighting splits code into spans) and entities removed."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def hidden_test_lines(nb):
    """The lines of the source's hidden-test blocks whose text appears nowhere else in the notebook (not even as
    part of a visible line)."""
    text = "\n".join(cell.source for cell in nb.cells)
    elsewhere = HIDDEN_TESTS_BLOCK.sub("", text)
    return {line.strip() for block in HIDDEN_TESTS_BLOCK.findall(text) for line in block.splitlines()
            if len(line.strip()) > 20 and line.strip() not in elsewhere}
