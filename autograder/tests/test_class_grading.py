"""A class of ten through the instructor's commands (`python -m autograder.pipeline`, what the make targets run),
in a copy of the course: a roster, exchange and LMS submissions, a renamed file, a truncated notebook, an
infinite loop, a syntax error, a resubmission, an enrolled student who never submitted. Every student ends in
one state, in the export and the gradebook alike; a regrade touches one student; parallel equals serial."""
import csv
import html
import re
import shutil
import zipfile

import nbformat
import pytest
from nbgrader.api import Grade, Gradebook

from autograder import offline_math
from autograder.gradebook import CourseDirectory
from autograder.notebooks import answers, exercises, grade_id, is_test, with_answers
from autograder.pipeline import nbgrader_log
from autograder.pipeline.grade import grade
from autograder.pipeline.outcomes import Outcome
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests import submissions
from autograder.tests.course_copy import make_copy, run

ASSIGNMENT = ASSIGNMENTS[0]
LMS_TIME = "2026-11-20-15-30-00"  # before any exchange submission made by the test


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The class after release, enrolment, submissions, collect and one autograde with two workers."""
    tmp = tmp_path_factory.mktemp("class")
    root, exchange = make_copy(tmp / "course-copy"), tmp / "exchange"
    commands = Commands(root, exchange)
    assert run(root, "autograder.release", ASSIGNMENT, exchange=exchange).returncode == 0
    roster = tmp / "roster.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(f"s{i:02d},First{i},Last{i},s{i}@example.org\n"
                                                                  for i in range(1, 11)))
    commands.ok("enrol", str(roster))

    released = nbformat.read(root / "course" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    solved = answers(source)
    first = list(solved)[0]
    correct = with_answers(released, solved)
    wrong = submissions.load(ASSIGNMENT)[0][0]  # a catalogued mistake, which its failing tests name
    submit = commands.submit
    submit("s01", correct)
    submit("s02", with_answers(released, {**solved, wrong.exercise: wrong.source}))
    submit("s03", released)  # submits the stub, then (after a first collect) the solution: the last one counts
    submit("s07", with_answers(released, {**solved, first: "while True:\n    pass"}))
    submit("s08", with_answers(released, {**solved, first: solved[first].replace("):", ")", 1)}))  # SyntaxError
    commands.ok("collect", ASSIGNMENT)
    submit("s03", correct)
    lms = commands.lms_zip(tmp / "download.zip", {
        f"s04_attempt_{LMS_TIME}_{ASSIGNMENT}.ipynb": nbformat.writes(correct),
        f"s05_attempt_{LMS_TIME}_{ASSIGNMENT} (1).ipynb": nbformat.writes(correct),  # a renamed download
        f"s06_attempt_{LMS_TIME}_{ASSIGNMENT}.ipynb": nbformat.writes(correct)[:2000],  # cut short
        f"s10_attempt_{LMS_TIME}_answers.txt": "I could not open the notebook",
        f"s01_attempt_{LMS_TIME}_{ASSIGNMENT}.ipynb": nbformat.writes(released),  # older than s01's exchange one
    })
    collected = commands.ok("collect", ASSIGNMENT, "--lms", str(lms))
    graded = commands.ok("autograde", ASSIGNMENT, "--workers", "2", "--cell-time-limit", "5")
    return commands, collected, graded, source, wrong


class Commands:
    """The instructor's commands and the students' submissions in one course copy."""

    def __init__(self, root, exchange):
        self.root, self.exchange = root, exchange

    def __call__(self, *args):
        return run(self.root, "autograder.pipeline", *args, exchange=self.exchange)

    def ok(self, *args):
        result = self(*args)
        assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def submit(self, student, nb):
        """What the student's Assignment List does: submit their working copy through the exchange."""
        work = self.root / "students" / student
        (work / ASSIGNMENT).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, work / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
        result = run(self.root, "nbgrader", "submit", ASSIGNMENT, f"--CourseDirectory.student_id={student}",
                     f"--Exchange.assignment_dir={work}", exchange=self.exchange, config="autograder/student")
        assert result.returncode == 0, result.stdout + result.stderr

    def lms_zip(self, path, files):
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in files.items():
                archive.writestr(f"Dot products_{name}", text)
        return path

    @property
    def runtime(self):
        return self.root / "autograder" / "runtime"

    def scores(self):
        """{(student, test grade_id): score} of every grade in the gradebook."""
        with Gradebook(f"sqlite:///{self.runtime / 'gradebook.db'}") as gradebook:
            return {(grade.student.id, grade.name): grade.score for grade in gradebook.db.query(Grade).all()}

    def outcome(self, student):
        return Outcome.load(self.runtime / "outcomes" / ASSIGNMENT / f"{student}.json")


def points(source, exercise):
    tests = exercises(source)[exercise]
    return sum(cell.metadata.nbgrader["points"] for cell in source.cells if is_test(cell) and grade_id(cell) in tests)


def total(source):
    return sum(cell.metadata.nbgrader["points"] for cell in source.cells if is_test(cell))


def test_collect_takes_the_latest_submission_from_the_exchange_and_the_lms(course):
    commands, collected, *_ = course
    assert "s01: older, kept the newer (LMS)" in collected
    assert "s04: new (LMS)" in collected and "s03: updated" in collected
    assert f"{ASSIGNMENT}: 4 new, 1 updated submissions" in collected, collected


def test_every_student_ends_in_one_state_with_a_reason(course):
    commands, _, graded, source, wrong = course
    assert f"{ASSIGNMENT}: 7 graded, 0 held for review, 2 could not be graded, 1 missing" in graded
    states = {f"s{i:02d}": commands.outcome(f"s{i:02d}") for i in range(1, 11)}
    assert {s: o.state for s, o in states.items()} == {
        "s01": "graded", "s02": "graded", "s03": "graded", "s04": "graded", "s05": "graded",
        "s06": "could not be graded", "s07": "graded", "s08": "graded", "s09": "missing",
        "s10": "could not be graded"}
    assert "is not valid JSON" in states["s06"].note
    assert "no notebook in the submission" in states["s10"].note
    assert states["s05"].note == f"used {ASSIGNMENT} (1).ipynb ({len(answers(source))} answers changed)."
    first = list(exercises(source))[0]
    assert f"cell {first} was stopped after 5 s" in states["s07"].note
    full = total(source)
    assert states["s01"].score == states["s03"].score == states["s04"].score == states["s05"].score == full
    assert states["s07"].score == states["s08"].score == full - points(source, first)
    lost = sum(points for test, (_, points) in states["s02"].scores.items() if test in wrong.fails)
    assert states["s02"].score == full - lost > 0
    assert states["s02"].mistakes == {test: list(wrong.mistake) for test in wrong.fails}


def test_the_export_lists_every_student_with_state_and_exercise_columns(course):
    commands, _, _, source, wrong = course
    commands.ok("export", ASSIGNMENT)
    rows = {row["student_id"]: row for row in csv.DictReader((commands.runtime / "grades" / f"{ASSIGNMENT}.csv").open())}
    assert sorted(rows) == [f"s{i:02d}" for i in range(1, 11)]
    first, second = wrong.exercise, list(exercises(source))[1]
    assert rows["s06"]["status"] == "could not be graded" and rows["s06"]["score"] == ""
    assert rows["s09"]["status"] == "missing" and rows["s09"]["score"] == ""
    assert float(rows["s02"][first]) < points(source, first) and float(rows["s02"][second]) == points(source, second)
    assert float(rows["s01"]["score"]) == float(rows["s01"]["max_score"]) == total(source)
    everyone = list(csv.DictReader((commands.runtime / "grades" / "grades.csv").open()))
    assert len(everyone) == 10 and {row["status"] for row in everyone} == {"graded", "could not be graded", "missing"}


# The columns each LMS's gradebook import documents, before the assignments' (autograder/pipeline/lms_export.py
# cites each LMS's documentation), the column it matches students on, and how an assignment's column is named.
LMS_IMPORTS = {
    "canvas": (["Student", "ID", "SIS User ID", "SIS Login ID", "Section"], "SIS Login ID", "{assignment}"),
    "moodle": (["First name", "Last name", "Username", "Email address"], "Username", "{assignment} (out of {points})"),
    "blackboard": (["Last Name", "First Name", "Username", "Student ID"], "Username",
                   "{assignment} [Total Pts: {points} Score]"),
}


@pytest.mark.parametrize("lms", sorted(LMS_IMPORTS))
def test_the_lms_export_is_what_the_lms_imports_with_a_blank_for_anyone_not_graded(course, lms):
    commands, _, _, source, _ = course
    said = commands.ok("export", ASSIGNMENT, "--lms", lms)
    assert f"autograder/runtime/grades/{lms}.csv (blank where not graded)" in said, said
    path = commands.runtime / "grades" / f"{lms}.csv"
    header, *rows = list(csv.reader(path.open(newline="")))
    columns, student_id, assignment_column = LMS_IMPORTS[lms]
    points = f"{total(source):g}"
    assert header == [*columns, assignment_column.format(assignment=ASSIGNMENT, points=points)]
    if lms == "canvas":  # Canvas reads each assignment's points possible from the row under the header
        assert rows.pop(0) == ["Points Possible", "", "", "", "", points]
    if lms == "blackboard":  # its upload asks for every value of a comma-separated file in quotes
        assert path.read_text().splitlines()[1].startswith('"Last1","First1","s01",')
    scores = {row[header.index(student_id)]: row[-1] for row in rows}
    states = {student: commands.outcome(student) for student in scores}
    assert scores == {student: f"{outcome.score:g}" if outcome.state == "graded" else ""
                      for student, outcome in states.items()}
    assert sorted(scores) == [f"s{i:02d}" for i in range(1, 11)]
    assert scores["s06"] == scores["s09"] == scores["s10"] == "" and float(scores["s01"]) == total(source)


def test_feedback_is_released_to_exchange_students_only_and_said_so(course):
    commands, *_ = course
    said = commands.ok("feedback", ASSIGNMENT)
    assert "released to the Assignment List of 5 students" in said, said
    assert "hand their page back another way: s04, s05" in said
    assert "no page for those not graded: s06, s09, s10" in said
    assert not (commands.runtime / "feedback" / "s06").exists()


def test_feedback_makes_again_only_the_pages_whose_grades_or_notebook_changed(course):
    """A one-student regrade makes one page again, as does a grade given by hand; `--all` makes every page."""
    commands, _, _, source, _ = course
    commands.ok("feedback", ASSIGNMENT)  # pages a test before made out of date are made again here
    pages = {path: path.read_bytes() for path in (commands.runtime / "feedback").rglob("*.html")}
    assert f"(0 made now, {len(pages)} unchanged since made)" in commands.ok("feedback", ASSIGNMENT)

    released = nbformat.read(commands.root / "course" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    commands.submit("s08", with_answers(released, answers(source)))  # the syntax error fixed
    commands.ok("collect", ASSIGNMENT)
    commands.ok("autograde", ASSIGNMENT, "--student", "s08", "--cell-time-limit", "5")
    said = commands.ok("feedback", ASSIGNMENT)
    assert "(1 made now" in said and "released to the Assignment List of 5 students" in said, said
    made_again = {path for path, page in pages.items() if path.read_bytes() != page}
    assert made_again == {commands.runtime / "feedback" / "s08" / ASSIGNMENT / f"{ASSIGNMENT}.html"}

    with Gradebook(f"sqlite:///{commands.runtime / 'gradebook.db'}") as gradebook:  # as in the formgrader
        graded_by_hand = gradebook.find_grade(list(points_of(source))[0], ASSIGNMENT, ASSIGNMENT, "s07")
        graded_by_hand.manual_score = graded_by_hand.max_score
        gradebook.db.commit()
    assert "(1 made now" in commands.ok("feedback", ASSIGNMENT)
    assert f"({len(pages)} made now" in commands.ok("feedback", ASSIGNMENT, "--all")


def test_feedback_pages_carry_their_own_mathjax(course):
    """Offline, a page that loads MathJax from a CDN shows its formulas as `$...$`."""
    commands, *_ = course
    commands.ok("feedback", ASSIGNMENT)
    page = (commands.runtime / "feedback" / "s01" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "window.MathJax = {" in page and offline_math.mathjax_component("tex-svg-full.js")[:1000] in page
    sources = re.findall(r"<script[^>]*\bsrc=[\"']?([^\"' >]+)", page)
    assert not [src for src in sources if "://" in src], sources
    assert "cdnjs.cloudflare.com/ajax/libs/mathjax" not in page


def points_of(source):
    """{test grade_id: points} in the order of the notebook."""
    return {grade_id(cell): cell.metadata.nbgrader["points"] for cell in source.cells if is_test(cell)}


def test_the_report_names_who_could_not_be_graded_and_why_and_counts_the_mistakes(course):
    commands, _, _, _, wrong = course
    said = commands.ok("report", ASSIGNMENT)
    folder = commands.runtime / "report"
    assert "report written to autograder/runtime/report/index.html" in said
    page = html.unescape((folder / ASSIGNMENT / "index.html").read_text())
    for reason in (commands.outcome("s06").note, commands.outcome("s10").note):
        assert reason in page
    assert "s09" in page and wrong.mistake[0] in page
    pictures = sorted(path.name for path in (folder / ASSIGNMENT).glob("*.png"))
    assert pictures and all((folder / ASSIGNMENT / name).read_bytes().startswith(b"\x89PNG") for name in pictures)
    assert f'href="{ASSIGNMENT}/index.html"' in (folder / "index.html").read_text()


def test_a_regrade_changes_one_student_and_nothing_else_and_grading_twice_changes_nothing(course):
    commands, _, _, source, _ = course
    before = commands.scores()
    commands.ok("autograde", ASSIGNMENT, "--workers", "1", "--cell-time-limit", "5")
    assert commands.scores() == before, "grading again changed a score"

    released = nbformat.read(commands.root / "course" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    commands.submit("s02", with_answers(released, answers(source)))  # the fixed resubmission
    commands.ok("collect", ASSIGNMENT)
    pages = {path: path.read_bytes() for path in (commands.runtime / "autograded").rglob("*.ipynb")}
    said = commands.ok("autograde", ASSIGNMENT, "--student", "s02")
    assert f"{ASSIGNMENT}: 1 graded, 0 held for review, 0 could not be graded, 0 missing" in said
    after = commands.scores()
    assert {key: score for key, score in after.items() if key[0] != "s02"} == \
        {key: score for key, score in before.items() if key[0] != "s02"}
    assert sum(score for (student, _), score in after.items() if student == "s02") == total(source)
    assert {p: b for p, b in pages.items() if "s02" not in p.parts} == \
        {p: p.read_bytes() for p in (commands.runtime / "autograded").rglob("*.ipynb") if "s02" not in p.parts}


def test_parallel_grading_equals_serial_grading(course, tmp_path):
    commands, *_ = course
    serial = Commands(shutil.copytree(commands.root, tmp_path / "serial", symlinks=True), commands.exchange)
    serial.ok("autograde", ASSIGNMENT, "--workers", "1", "--cell-time-limit", "5")
    assert serial.scores() == commands.scores()
    for i in range(1, 11):
        assert serial.outcome(f"s{i:02d}") == commands.outcome(f"s{i:02d}")


@pytest.mark.parametrize("command", [["collect", "nope"], ["autograde", "nope"], ["feedback", "nope"],
                                     ["export", "nope"], ["report", "nope"], ["autograde", ASSIGNMENT, "--student",
                                                                               "nobody"], ["enrol", "missing.csv"]])
def test_an_unknown_assignment_student_or_file_gets_one_line_and_status_2(course, command):
    commands, *_ = course
    result = commands(*command)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "unknown" in result.stderr or "no roster" in result.stderr


def test_a_notebook_over_its_time_bound_is_stopped_and_said_so(tmp_path):
    """Cells that each finish within the cell limit, but not all together within the notebook's bound."""
    course = CourseDirectory.scratch(tmp_path, [ASSIGNMENT])
    course.nbgrader("generate_assignment", ASSIGNMENT)
    released, source = course.notebook("release", ASSIGNMENT), course.notebook("source", ASSIGNMENT)
    first = list(answers(source))[0]
    slow = f"import time\ntime.sleep(20)\n{answers(source)[first]}"
    course.submit("slow", ASSIGNMENT, with_answers(released, {**answers(source), first: slow}))
    # A bound well above a kernel's start on a loaded machine, so that it is reached in the slow cell itself.
    outcome, _ = grade(course.root, course.db_url, ASSIGNMENT, "slow", cell_time_limit=30, time_limit=12)
    assert (outcome.state, outcome.note) == ("could not be graded",
                                             f"timed out in cell {first}: the whole notebook took longer than 12 s")


def test_a_warning_nbgrader_spreads_over_lines_is_read_as_one_line():
    log = ("[INFO] collecting\n[WARNING] \n    inbound/bob+a claims to be submitted by bob but is owned by root;\n"
           "    you may disable this warning\n    \n[WARNING] Skipping unknown notebook\n[ERROR] no\n"
           "[WARNING] Removing existing assignment: /course/autograded/bob/01\n")  # a regrade's routine: not said
    assert nbgrader_log.warnings({"log": log}) == [
        "inbound/bob+a claims to be submitted by bob but is owned by root; you may disable this warning",
        "Skipping unknown notebook"]


def test_a_failed_nbgrader_run_is_said_in_its_exceptions_own_words():
    error = 'Traceback (most recent call last):\n  File "x.py", line 1\nnbgrader.NbGraderException: No notebooks\n'
    assert nbgrader_log.failure({"success": False, "error": error}) == "nbgrader.NbGraderException: No notebooks"
    assert nbgrader_log.failure({"success": False}) == "no reason given"
