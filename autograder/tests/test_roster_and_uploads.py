"""What an instructor's class sends besides the right notebook, through the instructor's commands in a copy of the
course with 01 and 06 released: an LMS download of 01 notebooks collected without ASSIGNMENT, a 01 notebook
uploaded under 06's name, one handed in through 06, a notebook of no assignment, work in a `-Copy1` notebook
beside the untouched one, an empty file, an LMS id with "_", a student not on the roster; rosters with bad rows;
downloads that are no LMS download; removing a student. Each ends in the right state, or a step that exits
non-zero with one sentence."""
import csv
import html
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.notebooks import answers, with_answers
from autograder.tests.course_copy import make_copy, run
from autograder.pipeline.outcomes import Outcome
from autograder.tests import test_class_grading

DOT, SIGMOID = "01_dot_products", "06_sigmoid_neurons"
ROSTER = "id,first_name,last_name,email\n" + "".join(f"{s},First,Last,{s}@example.org\n"
                                                     for s in ("ann", "bob", "cy", "dee", "eve", "fay", "jo_smith"))
TIME = "2026-11-20-15-30-00"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The class after release, enrolment, an LMS download collected without ASSIGNMENT, and both autogrades."""
    tmp = tmp_path_factory.mktemp("uploads")
    root, exchange = make_copy(tmp / "course-copy"), tmp / "exchange"
    commands = Commands(root, exchange)
    assert run(root, "autograder.release", DOT, SIGMOID, exchange=exchange).returncode == 0
    (tmp / "roster.csv").write_text(ROSTER)
    enrolled = commands.ok("enrol", str(tmp / "roster.csv"))

    released = nbformat.read(root / "course" / DOT / f"{DOT}.ipynb", as_version=4)
    solved = with_answers(released, answers(nbformat.read(root / "solutions" / DOT / f"{DOT}.ipynb", as_version=4)))
    download = commands.lms_zip(tmp / "download.zip", {
        f"ann_attempt_{TIME}_{DOT}.ipynb": nbformat.writes(solved),
        f"jo_smith_attempt_{TIME}_{DOT}.ipynb": nbformat.writes(solved),  # an LMS id with "_"
        f"bob_attempt_{TIME}_{SIGMOID}.ipynb": nbformat.writes(solved),  # 01's notebook, uploaded as 06's
        f"zed_attempt_{TIME}_{DOT}.ipynb": nbformat.writes(solved),  # not on the roster
        f"fay_attempt_{TIME}_{DOT}.ipynb": "",  # an empty file
        f"cy_attempt_{TIME}_notes.txt": "see my email",  # no assignment's
        f"cy_attempt_{TIME}_Untitled.ipynb": nbformat.writes(nbformat.v4.new_notebook()),  # no assignment's
    })
    collected = commands.ok("collect", "--lms", str(download))
    # Through the exchange: dee hands in 01's notebook as 06, eve works in a copy beside the untouched notebook.
    commands.submit_files("dee", SIGMOID, {f"{SIGMOID}.ipynb": solved})
    commands.submit_files("eve", DOT, {f"{DOT}.ipynb": released, f"{DOT}-Copy1.ipynb": solved})
    collected += commands.ok("collect")
    graded = {assignment: commands.ok("autograde", assignment, "--workers", "2") for assignment in (DOT, SIGMOID)}
    return commands, enrolled, collected, graded


class Commands(test_class_grading.Commands):
    def submit_files(self, student, assignment, notebooks):
        """What the student's Assignment List does with their folder of ``assignment`` holding ``notebooks``."""
        work = self.root / "students" / student
        (work / assignment).mkdir(parents=True, exist_ok=True)
        for name, nb in notebooks.items():
            nbformat.write(nb, work / assignment / name)
        result = run(self.root, "nbgrader", "submit", assignment, f"--CourseDirectory.student_id={student}",
                     f"--Exchange.assignment_dir={work}", exchange=self.exchange, config="autograder/student")
        assert result.returncode == 0, result.stdout + result.stderr

    def outcome_of(self, assignment, student):
        return Outcome.load(self.runtime / "outcomes" / assignment / f"{student}.json")

    def students(self):
        """The gradebook's students, with every column."""
        with Gradebook(f"sqlite:///{self.runtime / 'gradebook.db'}") as gradebook:
            return [student.to_dict() for student in gradebook.students]

    def submitted(self, assignment):
        return sorted(path.parent.name for path in (self.runtime / "submitted").glob(f"*/{assignment}"))


def test_enrol_says_who_was_added(course):
    _, enrolled, *_ = course
    assert enrolled.splitlines() == ["enrolled 7 students of roster.csv: 7 added, 0 changed",
                                     "  added: ann, bob, cy, dee, eve, fay, jo_smith"]


def test_an_lms_download_is_filed_by_what_each_notebook_is_and_said_in_a_line_a_student(course):
    commands, _, collected, _ = course
    assert commands.submitted(DOT) == ["ann", "bob", "eve", "fay", "jo_smith", "zed"]
    assert commands.submitted(SIGMOID) == ["dee"]  # through the exchange; bob's upload went to 01
    assert collected.splitlines() == [
        f"{DOT}: 5 new, 0 updated submissions", "  ann: new (LMS)", "  bob: new (LMS)", "  fay: new (LMS)",
        "  jo_smith: new (LMS)", "  zed: new (LMS)", f"{SIGMOID}: 0 new, 0 updated submissions",
        f"bob: {SIGMOID}.ipynb is the notebook of {DOT}, and was collected for it",
        "not collected: cy: notes.txt belongs to no assignment",
        "not collected: cy: Untitled.ipynb belongs to no assignment",
        # then from the exchange, where every student submitted as this account: no "cheating attempt?"
        f"{DOT}: 1 new, 0 updated submissions", "  eve: new", f"{SIGMOID}: 1 new, 0 updated submissions",
        "  dee: new"]


def test_each_student_ends_in_the_right_state_with_a_short_note(course):
    commands, _, _, graded = course
    dot = {student: commands.outcome_of(DOT, student) for student in commands.submitted(DOT) + ["cy", "dee"]}
    full = dot["ann"].score
    assert full > 0
    assert all(dot[s].state == "graded" and dot[s].score == full for s in ("bob", "jo_smith", "zed", "eve"))
    assert dot["bob"].note == f"used {SIGMOID}.ipynb (8 answers changed)."
    assert dot["eve"].note == (f"used {DOT}-Copy1.ipynb (8 answers changed); also sent {DOT}.ipynb "
                               "(0 answers changed).")
    assert (dot["fay"].state, dot["fay"].note) == ("could not be graded", f"{DOT}.ipynb is an empty file.")
    assert dot["cy"].state == dot["dee"].state == "missing"
    dee = commands.outcome_of(SIGMOID, "dee")
    assert (dee.state, dee.note) == ("missing", f"sent no notebook of {SIGMOID}: {SIGMOID}.ipynb "
                                                f"(the notebook of {DOT}).")
    assert all(len(o.note) <= 200 for o in dot.values())
    assert f"{DOT}: 5 graded, 0 held for review, 1 could not be graded, 2 missing; not enrolled: zed (graded)" \
        in graded[DOT]
    assert "\n  cy: missing\n" in graded[DOT]  # no colon with nothing after it
    assert f"{SIGMOID}: 0 graded, 0 held for review, 0 could not be graded, 7 missing" in graded[SIGMOID]
    assert f"  dee: missing: sent no notebook of {SIGMOID}" in graded[SIGMOID]


def test_a_student_not_on_the_roster_is_reported_in_the_export_and_the_report_and_stays_unenrolled(course):
    commands, *_ = course
    exported = commands.ok("export")
    assert "not enrolled: zed (graded)" in exported
    rows = {row["student_id"]: row for row in csv.DictReader((commands.runtime / "grades" / f"{DOT}.csv").open())}
    assert rows["zed"]["roster"] == "not enrolled" and rows["zed"]["status"] == "graded"
    assert {rows[s]["roster"] for s in rows if s != "zed"} == {"enrolled"}
    commands.ok("report")
    page = html.unescape((commands.runtime / "report" / DOT / "index.html").read_text())
    assert "7 students enrolled and 1 not enrolled" in page
    assert "Not enrolled: submitted, and not on the roster (1)" in page
    enrolled_again = commands.ok("enrol", str(commands.root.parent / "roster.csv"))
    assert "zed" not in enrolled_again, "a student whom grading added is not the roster's"


@pytest.mark.parametrize("roster, line, reason", [
    (ROSTER + 'gus,"Gus,Grey,gus@example.org\nhal,Hal,Hill,hal@example.org\n', 9, "unclosed quote"),
    (ROSTER + "ann,Ann,Again,ann2@example.org\n", 9, "the id ann is already on line 2"),
    (ROSTER + "gu s,Gus,Grey,gus@example.org\n", 9, "holds a space"),
    (ROSTER.split("\n", 1)[1], 1, "no header line"),
])
def test_a_roster_with_a_bad_row_enrols_nobody_and_names_the_line(course, tmp_path, roster, line, reason):
    commands, *_ = course
    path = tmp_path / "bad.csv"
    path.write_text(roster)
    before = commands.students()
    result = commands("enrol", str(path))
    assert result.returncode == 2 and result.stdout == "", result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"bad.csv, line {line}: " in result.stderr and reason in result.stderr
    assert result.stderr.rstrip().endswith("; nobody was enrolled")
    assert commands.students() == before


def test_enrol_says_who_changed_and_who_the_file_lacks_and_unenrol_keeps_grades_unless_forced(course, tmp_path):
    commands, *_ = course
    smaller = tmp_path / "roster.csv"
    smaller.write_text(ROSTER.replace("fay,First", "fay,Fay").replace("cy,First,Last,cy@example.org\n", ""))
    said = commands.ok("enrol", str(smaller))
    assert said.splitlines() == ["enrolled 6 students of roster.csv: 0 added, 1 changed", "  changed: fay",
                                 "  in the gradebook but not in the file (make unenrol STUDENT=id removes one): cy"]
    assert commands.ok("unenrol", "cy") == "unenrolled cy\n"
    refused = commands("unenrol", "ann")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip() == (f"make unenrol: ann has grades, which unenrolling would delete: {DOT} "
                                      f"({commands.outcome_of(DOT, 'ann').score:g} points); "
                                      f"make unenrol STUDENT=ann FORCE=1 deletes them")
    assert commands.ok("unenrol", "ann", "--force") == (
        f"unenrolled ann, and deleted their grades of {DOT}; their collected submissions of {DOT} stay, and count "
        "as not enrolled\n")
    assert not (commands.runtime / "outcomes" / DOT / "ann.json").exists()
    assert not any(student == "ann" for student, _ in commands.scores())


@pytest.mark.parametrize("content, reason", [
    (b"PK not really", "is not a zip file"),
    (None, "is empty: it holds no file"),
    ({f"{DOT}.ipynb": "{}"}, f"is named as the LMS names an upload (FileNameCollectorPlugin.named_regexp in "
                              f"autograder/nbgrader_config.py), for example '{DOT}.ipynb'"),
])
def test_a_download_that_is_no_lms_download_says_why_in_one_line(course, tmp_path, content, reason):
    commands, *_ = course
    path = tmp_path / "download.zip"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in (content or {}).items():
                archive.writestr(name, text)
    result = commands("collect", DOT, "--lms", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr, result.stderr


def test_a_new_postgresql_gradebook_gets_its_assignments_from_release_and_its_roster_from_enrol(postgres_url,
                                                                                                tmp_path):
    import sqlalchemy
    server = sqlalchemy.engine.make_url(postgres_url)
    engine = sqlalchemy.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:  # a gradebook of its own: the session's database serves other tests
        connection.execute(sqlalchemy.text("CREATE DATABASE new_gradebook"))
    engine.dispose()
    url = server.set(database="new_gradebook").render_as_string(hide_password=False)
    root = make_copy(tmp_path / "course-copy")
    config = root / "autograder" / "nbgrader_config.py"
    sqlite = "c.CourseDirectory.db_url = f\"sqlite:///{runtime / 'gradebook.db'}\""
    assert sqlite in config.read_text()
    config.write_text(config.read_text().replace(sqlite, f"c.CourseDirectory.db_url = {url!r}"))
    commands = Commands(root, tmp_path / "exchange")

    before = commands("collect", DOT)
    assert before.returncode == 2 and before.stderr.strip() == (
        f"make collect: '{DOT}' is not released in the gradebook ({url}): make release ASSIGNMENT={DOT}; "
        "a new gradebook also needs make enrol")
    assert run(root, "autograder.release", DOT, exchange=commands.exchange).returncode == 0
    (tmp_path / "roster.csv").write_text(ROSTER)
    commands.ok("enrol", str(tmp_path / "roster.csv"))
    assert commands.ok("collect", DOT) == f"{DOT}: 0 new, 0 updated submissions\n"
    assert f"{DOT}: 0 graded, 0 held for review, 0 could not be graded, 7 missing" in commands.ok("export", DOT)


def test_an_lms_assignment_name_with_underscores_is_read_with_the_roster_and_attempt_records_are_passed_over(tmp_path):
    """Blackboard names a file `<assignment name>_<student>_attempt_<time>_<file>`: with "_" in the assignment's
    name, the split is ambiguous, and the roster decides. Its record of each attempt (`..._attempt_<time>.txt`)
    is no upload, and is not reported as a misnamed file."""
    from autograder.course import REPO
    from autograder.gradebook import CourseDirectory
    from autograder.pipeline import collect

    download = tmp_path / "download.zip"
    with zipfile.ZipFile(download, "w") as archive:
        for student in ("jo_smith", "ann", "zed"):
            archive.writestr(f"Homework_1_{student}_attempt_{TIME}_{DOT}.ipynb", "{}")
            archive.writestr(f"Homework_1_{student}_attempt_{TIME}.txt", f"Name: {student}\n")
    names = collect.LmsFileNames(config=CourseDirectory(REPO).nbgrader_config())
    uploads, said = collect._uploads(download, names, enrolled={"ann", "jo_smith", "bob"})
    assert sorted(student for student, _ in uploads) == ["1_zed", "ann", "jo_smith"]  # zed: not on the roster
    assert said == []
