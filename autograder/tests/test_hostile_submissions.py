"""Broken and hostile submissions (hostile_submissions.py), graded in one batch with a correct and a wrong student
through the instructor's commands: the batch completes, each gets its state, score and reason in the export and
the report, nothing outside a submission's own folder changes, nothing hidden reaches a feedback page, no variable
of the grader's reaches an output, nothing is left in the host's temporary folder or /dev/shm, and correct work
that only looks around is neither held nor marked down."""
import csv
import hashlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.course import REPO, nbgrader_env
from autograder.notebooks import answers, grade_id, is_test, with_answers
from autograder.pipeline import sandbox
from autograder.pipeline.outcomes import Outcome
from autograder.tests import hostile_submissions as hostile
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy, run

ASSIGNMENT = ASSIGNMENTS[0]
SANDBOXED = {"reads_files", "writes_outside", "network"}  # what only the sandbox stops
SECRET = "grader-secret-7f3a"  # the value of a variable of the grader's, which no kernel may see
SHARED_MEMORY = Path("/dev/shm")
GRADED, HELD, UNGRADABLE = "graded", "held for review", "could not be graded"


class Listener:
    """A TCP server on this machine's loopback that counts who connects: a sandboxed kernel must not reach it."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port, self.connections = self.server.getsockname()[1], 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    root, exchange = make_copy(tmp / "course-copy"), tmp / "exchange"
    listener = Listener()
    assert run(root, "autograder.release", ASSIGNMENT, exchange=exchange).returncode == 0
    released = nbformat.read(root / "course" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    solved = answers(source)
    submitted = root / "autograder" / "runtime" / "submitted"
    notebooks = {hostile.CORRECT: with_answers(released, solved),
                 hostile.WRONG: with_answers(released, {**solved, "dot": hostile.WRONG_DOT})}
    host_tmp = tmp / "host-tmp"  # the grader's temporary folder: the sandboxes' folders are made here
    host_tmp.mkdir()
    hosts = [str(root), str(REPO), sys.base_prefix, str(host_tmp)]
    for case in hostile.CASES:
        dot = case.dot and "\n".join(filter(None, [case.dot, case.body]))
        dot = dot and (dot.replace("{solution}", solved["dot"]).replace("{root}", str(root))
                       .replace("{exchange}", str(exchange)).replace("{port}", str(listener.port))
                       .replace("{secret}", SECRET).replace("{hosts}", repr(hosts))
                       .replace("{student}", case.student))
        nb = with_answers(released, {**solved, **({"dot": dot} if dot else {})})
        if case.change:
            case.change(nb)
        notebooks[case.student] = nb
    for student, nb in notebooks.items():
        (submitted / student / ASSIGNMENT).mkdir(parents=True)
        nbformat.write(nb, submitted / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    before = checksums(root, exchange)
    shared_before = set(SHARED_MEMORY.iterdir()) if SHARED_MEMORY.is_dir() else set()

    def pipeline(*args):
        result = run(root, "autograder.pipeline", *args, exchange=exchange)
        assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    with pytest.MonkeyPatch.context() as grader:  # the grader's environment, which the workers inherit
        grader.setenv("TMPDIR", str(host_tmp))
        grader.setenv("COURSE_GRADER_SECRET", SECRET)
        graded = pipeline("autograde", ASSIGNMENT, "--workers", "2", "--cell-time-limit", "5")
    after = checksums(root, exchange)
    left = {"tmp": sorted(os.listdir(host_tmp)), "shm": sorted(
        str(path) for path in (set(SHARED_MEMORY.iterdir()) if SHARED_MEMORY.is_dir() else set()) - shared_before
        if "left-by-" in path.name)}
    for _ in range(50):  # the sandboxes' watchers remove their folders a moment after the workers are gone
        if not left["tmp"]:
            break
        time.sleep(0.1)
        left["tmp"] = sorted(os.listdir(host_tmp))
    pipeline("export", ASSIGNMENT)
    pipeline("report", ASSIGNMENT)
    pipeline("feedback", ASSIGNMENT)
    listener.server.close()
    return root, source, graded, before, after, listener, left


def checksums(root, exchange):
    """{path: digest} of everything a submission must not change: the course's sources and release, every
    collected submission (but those whose metadata the grader puts back) and the exchange."""
    found = {}
    submitted = root / "autograder" / "runtime" / "submitted"
    for folder in (root / "solutions", root / "course", submitted, exchange):
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file() and not (path.is_relative_to(submitted)
                                       and path.relative_to(submitted).parts[0] in hostile.RESTORED):
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def exported(root):
    with open(root / "autograder" / "runtime" / "grades" / f"{ASSIGNMENT}.csv") as file:
        return {row["student_id"]: row for row in csv.DictReader(file)}


def outcome(root, student):
    return Outcome.load(root / "autograder" / "runtime" / "outcomes" / ASSIGNMENT / f"{student}.json")


def test_the_batch_completes_with_one_state_for_everyone(batch):
    root, _, graded, *_ = batch
    rows = exported(root)
    assert set(rows) == {hostile.CORRECT, hostile.WRONG, *(case.student for case in hostile.CASES)}
    assert f"{ASSIGNMENT}: " in graded
    assert rows[hostile.CORRECT]["status"] == GRADED
    assert float(rows[hostile.CORRECT]["score"]) == float(rows[hostile.CORRECT]["max_score"])
    assert rows[hostile.WRONG]["status"] == GRADED and rows[hostile.WRONG]["dot"] == "0.0"


@pytest.mark.parametrize("case", hostile.CASES, ids=lambda case: case.student)
def test_each_submission_gets_its_state_score_and_reason(batch, case):
    root, source, *_ = batch
    if case.student in SANDBOXED and sandbox.unavailable():
        pytest.skip(f"grading is not sandboxed here: {sandbox.unavailable()}")
    row, result = exported(root)[case.student], outcome(root, case.student)
    assert row["status"] == case.state, result.note
    for words in case.note:
        assert words in row["note"], row["note"]
    if case.state == GRADED:
        total = sum(cell.metadata.nbgrader["points"] for cell in source.cells if is_test(cell))
        lost = sum(cell.metadata.nbgrader["points"] for cell in source.cells
                   if is_test(cell) and grade_id(cell) in case.lost)
        assert float(row["score"]) == total - lost, result.note
        assert not result.note or case.note, f"an unexpected note: {result.note}"
    else:  # held or not graded: no score counts until a person has looked
        assert row["score"] == ""
    if case.state == HELD and case.lost:  # the tests it kept from running earn nothing, even once reviewed
        assert all(result.scores[test][0] == 0 for test in case.lost)


@pytest.mark.parametrize("case", [case for case in hostile.CASES if case.prints], ids=lambda case: case.student)
def test_code_looking_outside_its_folder_finds_nothing(batch, case):
    root, *_, listener, _ = batch
    if sandbox.unavailable():
        pytest.skip(f"grading is not sandboxed here: {sandbox.unavailable()}")
    graded = nbformat.read(root / "autograder" / "runtime" / "autograded" / case.student / ASSIGNMENT
                           / f"{ASSIGNMENT}.ipynb", as_version=4)
    [dot] = [cell for cell in graded.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "dot"]
    printed = "".join(output.get("text", "") for output in dot.outputs)
    assert printed.strip() == case.prints
    assert listener.connections == 0


def test_nothing_outside_the_submissions_own_folder_changes(batch):
    _, _, _, before, after, *_ = batch
    assert after == before
    if not sandbox.unavailable():
        assert not any("PWNED" in path for path in after)


def test_no_feedback_page_shows_hidden_tests_or_the_grader_seal(batch):
    root, source, *_ = batch
    hidden = [line.strip() for cell in source.cells if is_test(cell) and "BEGIN HIDDEN TESTS" in cell.source
              for line in cell.source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0].splitlines()
              if len(line.strip()) > 20]
    pages = sorted((root / "autograder" / "runtime" / "feedback").rglob("*.html"))
    students = {page.parent.parent.name for page in pages}
    assert "imitates_markers" in students and hostile.CORRECT in students
    assert not students & {case.student for case in hostile.HOSTILE if case.state == HELD}  # held: no page yet
    for page in pages:
        text = page.read_text()
        assert not [line for line in hidden if line in text], page
        assert "nncourse.integrity" not in text and "seal" not in text.lower().replace("sealed", ""), page


def test_the_report_lists_each_held_submission_with_its_reason(batch):
    root, *_ = batch
    page = (root / "autograder" / "runtime" / "report" / ASSIGNMENT / "index.html").read_text()
    held = [case.student for case in hostile.CASES if case.state == HELD]
    assert f"Held for review: grade these in the formgrader ({len(held)})" in page
    assert all(student in page for student in held)


def test_the_grading_metadata_a_submission_changed_is_put_back_and_said(batch):
    root, *_ = batch
    assert "test_dot_lengths" in outcome(root, "metadata_changed").note
    assert "a copy of test_dot_by_hand" in outcome(root, "test_duplicated").note


def test_correct_work_that_looks_around_is_neither_held_nor_marked_down(batch):
    root, *_ = batch
    row = exported(root)["benign"]
    assert (row["status"], row["note"], float(row["score"])) == (GRADED, "", float(row["max_score"]))


def test_without_bubblewrap_grading_refuses_unless_switched_off_and_then_says_once_it_was_not_sandboxed(batch):
    """Grading must be a judge student code cannot reach: without bubblewrap, the step stops with one sentence and
    exit 1 before grading anyone; SANDBOX=off, the instructor's explicit choice, grades and says so once."""
    root, *_ = batch
    env = dict(nbgrader_env(root / "autograder"), NBGRADER_EXCHANGE=str(root.parent / "exchange"),
               JUPYTER_DATA_DIR=str(root / "jupyter-data"), PATH=str(Path(sys.executable).parent))  # no bwrap on it
    env.pop("SANDBOX", None)  # the tests' own choice where bubblewrap cannot run (conftest.py)
    command = [sys.executable, "-m", "autograder.pipeline", "autograde", ASSIGNMENT, "--student", hostile.CORRECT,
               "--workers", "1"]
    refused = subprocess.run(command, cwd=root, env=env, text=True, capture_output=True)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert refused.stderr.strip() == (
        "make autograde: the grader cannot grade: grading kernels run in a sandbox, and bubblewrap (bwrap) is not "
        "installed: install bubblewrap where it can run (apt-get install bubblewrap), or grade without it, student "
        "code then running with your rights, with SANDBOX=off"), refused.stderr
    assert "graded" not in refused.stdout

    result = subprocess.run(command, cwd=root, env={**env, "SANDBOX": "off"}, text=True, capture_output=True)
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert said.count("grading was not sandboxed: it is switched off (SANDBOX=off)") == 1, said
    assert f"{ASSIGNMENT}: 1 graded, 0 held for review, 0 could not be graded, 0 missing" in said


def test_a_million_lines_of_output_are_cut_to_what_a_page_can_show(batch):
    root, *_ = batch
    graded = nbformat.read(root / "autograder" / "runtime" / "autograded" / "floods_output" / ASSIGNMENT
                           / f"{ASSIGNMENT}.ipynb", as_version=4)
    [dot] = [cell for cell in graded.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "dot"]
    lines = "".join(output.get("text", "") for output in dot.outputs).count("\n")
    assert 0 < lines <= 1100


def test_a_held_submission_counts_once_a_person_has_graded_it_in_the_formgrader(batch):
    root, *_ = batch
    db_url = f"sqlite:///{root / 'autograder' / 'runtime' / 'gradebook.db'}"
    with Gradebook(db_url) as gradebook:  # what the formgrader's save of each grade does
        for notebook in gradebook.find_submission(ASSIGNMENT, "redefines_check").notebooks:
            for grade in notebook.grades:
                grade.manual_score = 0.0 if grade.name in hostile.DOT_TESTS else grade.auto_score
                grade.needs_manual_grade = False
        gradebook.db.commit()
    result = run(root, "autograder.pipeline", "export", ASSIGNMENT, exchange=root.parent / "exchange")
    assert result.returncode == 0, result.stderr
    row = exported(root)["redefines_check"]
    assert row["status"] == GRADED and row["note"].startswith("reviewed by hand after grading held it:")
    assert row["dot"] == "0.0" and float(row["score"]) == float(row["max_score"]) - 5


def test_no_output_holds_a_variable_of_the_graders(batch):
    root, *_ = batch
    runtime = root / "autograder" / "runtime"
    graded = sorted((runtime / "autograded").rglob("*.ipynb"))
    outputs = {path.parent.parent.name: "".join(str(output) for cell in nbformat.read(path, as_version=4).cells
                                                for output in cell.get("outputs", []))
               for path in graded}  # what the feedback pages show besides the student's own code
    assert "'HOME': " in outputs["reads_environment"]  # it did print its environment
    paths = [] if sandbox.unavailable() else [str(root.parent / "exchange"), str(root / "autograder")]
    for student, text in outputs.items():  # unsandboxed, a kernel runs in the course's folders, and may say so
        for graders in (SECRET, *paths):
            assert graders not in text, (student, graders)
    for path in (runtime / "outcomes").rglob("*.json"):
        assert SECRET not in path.read_text()


def test_nothing_is_left_in_the_hosts_temporary_folder_or_shared_memory(batch):
    *_, left = batch
    assert left == {"tmp": [], "shm": []}

