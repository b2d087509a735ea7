"""`make validate`: nbgrader's validation with the students' configuration, one line per failing test cell with
the error's whole sentence, a one-line verdict, and an exit status that says whether a test failed."""
import os
import subprocess

import nbformat
import pytest

from autograder import working_copy
from autograder.course import REPO
from autograder import notebooks
from autograder.notebooks import HIDDEN_TESTS_BLOCK, answers, exercises, grade_id, is_test, with_answers
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy, run
from autograder.validate import main as validate_main

ASSIGNMENT = ASSIGNMENTS[0]
NOTEBOOK = f"{ASSIGNMENT}.ipynb"


@pytest.fixture
def root(tmp_path):
    return make_copy(tmp_path / "course-copy")


def validate(root, *args):
    return run(root, "autograder.validate", *args, exchange=root / "exchange")


def read(path):
    return nbformat.read(path, as_version=4)


def visible_tests(source):
    """(exercise, what the test checks) for each test cell of a source notebook that keeps its tests in the
    release (a hidden-test cell keeps only its first comment)."""
    exercise_of = {test: exercise for exercise, tests in exercises(source).items() for test in tests}
    visible = [cell for cell in source.cells if is_test(cell) and not HIDDEN_TESTS_BLOCK.search(cell.source)]
    return [(exercise_of[grade_id(cell)], notebooks.test_label(cell, exercise_of[grade_id(cell)])) for cell in visible]


def test_the_released_stub_fails_every_visible_test_with_its_whole_sentence(root):
    working_copy.update(root / "course", root / "my-work")
    result = validate(root, ASSIGNMENT)
    assert result.returncode == 1
    assert result.stderr == "", "validation must print no warnings"
    *lines, verdict = result.stdout.splitlines()
    expected = visible_tests(read(root / "solutions" / ASSIGNMENT / NOTEBOOK))
    # the exercise, what the test checks (its first comment line), and the error's whole sentence
    assert [line.split(" — ")[0] for line in lines] == [f"{exercise}: {label}" for exercise, label in expected]
    for line in lines:
        assert " — CheckFailed: " in line and "is not implemented yet" in line, line
        assert line.endswith("replace `raise NotImplementedError()` with your code."), f"cut short: {line}"
    assert verdict == f"{NOTEBOOK} fails {len(expected)} test cells"


def test_the_solved_notebook_passes(root, tmp_path):
    source = read(root / "solutions" / ASSIGNMENT / NOTEBOOK)
    solved = tmp_path / NOTEBOOK
    nbformat.write(with_answers(read(root / "course" / ASSIGNMENT / NOTEBOOK), answers(source)), solved)
    result = validate(root, "--notebook", str(solved))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"{NOTEBOOK} passes every test cell (the hidden tests check more when "
                                          "it is graded)"]


def test_a_changed_test_cell_is_named(root, tmp_path):
    nb = read(root / "course" / ASSIGNMENT / NOTEBOOK)
    test = next(cell for cell in nb.cells if is_test(cell))
    test.source += "\npass"
    nbformat.write(nb, tmp_path / NOTEBOOK)
    result = validate(root, "--notebook", str(tmp_path / NOTEBOOK))
    assert result.returncode == 1
    exercise = next(name for name, tests in exercises(nb).items() if grade_id(test) in tests)
    label = notebooks.test_label(test, exercise)
    assert result.stdout.splitlines()[0] == f"{exercise}: {label} — this read-only cell was changed"


@pytest.mark.parametrize("args, message", [
    ((), "name a notebook: make validate ASSIGNMENT="),
    (("99_no_such_topic",), f"unknown assignment 99_no_such_topic. The assignments are: {ASSIGNMENT}"),
    ((ASSIGNMENT,), f"no working copy at {{work}}/{ASSIGNMENT}/{NOTEBOOK}: `make lab` copies it there"),
    (("--notebook", "nowhere.ipynb"), "no notebook at nowhere.ipynb"),
])
def test_nothing_to_validate_is_said_in_one_line(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.setenv("COURSE_WORK_DIR", str(tmp_path / "my-work"))  # an empty working folder
    monkeypatch.setenv("NBGRADER_EXCHANGE", str(tmp_path / "exchange"))
    assert validate_main(list(args)) == 2
    out, err = capsys.readouterr()
    assert err.startswith(f"make validate: {message.format(work=tmp_path / 'my-work')}") and err.count("\n") == 1
    assert out == ""


def make_validate(notebook):
    return subprocess.run(["make", "--no-print-directory", "validate", f"NOTEBOOK={notebook}"],
                          cwd=REPO, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")})


def test_make_validate_ends_with_its_verdict_alone(tmp_path):
    """A failing test is the verdict, not make's error: no "Error 1" line after it, and make exits 0 (scripts
    read `python -m autograder.validate`'s status). Nothing to validate is make's error."""
    nbformat.write(read(REPO / "course" / ASSIGNMENT / NOTEBOOK), tmp_path / NOTEBOOK)
    result = make_validate(tmp_path / NOTEBOOK)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1].startswith(f"{NOTEBOOK} fails ")

    missing = make_validate(tmp_path / "nowhere.ipynb")
    assert missing.returncode != 0 and missing.stdout == ""
    assert missing.stderr.startswith(f"make validate: no notebook at {tmp_path / 'nowhere.ipynb'}\n")


def test_demonstrations_are_not_run_and_the_output_says_so(root, tmp_path):
    nb = read(root / "course" / ASSIGNMENT / NOTEBOOK)
    ran = tmp_path / "the demonstration ran"
    nb.cells.insert(2, nbformat.v4.new_code_cell(f"open({str(ran)!r}, 'w').close()", metadata={"tags": ["demo"]}))
    nbformat.write(nb, tmp_path / NOTEBOOK)
    result = validate(root, "--notebook", str(tmp_path / NOTEBOOK))
    assert not ran.exists()
    *_, skipped, verdict = result.stdout.splitlines()
    assert skipped == "1 demonstration cell was not run (no test depends on it, and grading skips it too)."
    assert verdict.startswith(f"{NOTEBOOK} fails ")
