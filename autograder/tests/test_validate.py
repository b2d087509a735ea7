"""`make validate`: nbgrader's validation with the students' configuration, one line per failing test cell with
the error's whole sentence, a one-line verdict, and an exit status that says whether a test failed."""

import nbformat
import pytest

from autograder import working_copy
from autograder.notebooks import HIDDEN_TESTS_BLOCK, answers, grade_id, is_test, with_answers
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
    """The test cells of a source notebook that keep their tests in the release (a hidden-test cell keeps only
    its first comment)."""
    return [grade_id(cell) for cell in source.cells if is_test(cell) and not HIDDEN_TESTS_BLOCK.search(cell.source)]


def test_the_released_stub_fails_every_visible_test_with_its_whole_sentence(root):
    working_copy.update(root / "course", root / "my-work")
    result = validate(root, ASSIGNMENT)
    assert result.returncode == 1
    assert result.stderr == "", "validation must print no warnings"
    *lines, verdict = result.stdout.splitlines()
    expected = visible_tests(read(root / "solutions" / ASSIGNMENT / NOTEBOOK))
    assert [line.split(":")[0] for line in lines] == expected
    for line in lines:
        assert "CheckFailed: " in line and "is not implemented yet" in line, line
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
    assert result.stdout.splitlines()[0] == f"{grade_id(test)}: this read-only cell was changed"


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
