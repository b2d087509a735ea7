"""`make release`: course/ is exactly what it generates, twice in a row changes nothing, bad input stops it with a
clear message and leaves course/ as it was, and the release is published to the configured exchange."""
import json

import pytest

from autograder.course import REPO
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy, run, tree

FIRST = ASSIGNMENTS[0]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_course_is_exactly_what_generation_produces(graded, assignment):
    generated = tree(graded(assignment).base.path("release", assignment))
    committed = tree(REPO / "course" / assignment)
    assert generated.keys() == committed.keys()
    stale = [name for name in generated if generated[name] != committed[name]]
    assert not stale, f"course/{assignment} differs from a fresh release in {stale}: run `make release`"


def test_course_holds_exactly_the_assignments():
    released = sorted(path.name for path in (REPO / "course").iterdir() if path.is_dir())
    assert released == ASSIGNMENTS


@pytest.fixture
def copy(tmp_path):
    return make_copy(tmp_path / "course-copy"), tmp_path / "exchange"


def test_release_twice_changes_nothing_and_publishes(copy):
    root, exchange = copy
    before = tree(root / "course")
    for _ in range(2):
        result = run(root, "autograder.release", FIRST, exchange=exchange)
        assert result.returncode == 0, result.stderr
        assert tree(root / "course") == before
    assert f"published to the exchange: {FIRST}" in result.stdout
    outbound = exchange / "nn-fundamentals" / "outbound" / FIRST
    assert tree(outbound) == tree(root / "course" / FIRST)


def test_unknown_assignment_is_refused_by_name(copy):
    root, exchange = copy
    before = tree(root / "course")
    result = run(root, "autograder.release", "99_no_such_topic", exchange=exchange)
    assert result.returncode == 2
    assert "unknown assignment 99_no_such_topic" in result.stderr and FIRST in result.stderr
    assert tree(root / "course") == before


def _duplicate_grade_id(path):
    nb = json.loads(path.read_text())
    graded = [cell["metadata"]["nbgrader"] for cell in nb["cells"] if "nbgrader" in cell["metadata"]]
    graded[-2]["grade_id"] = graded[-1]["grade_id"]
    path.write_text(json.dumps(nb))
    return f"Duplicate grade id: {graded[-1]['grade_id']}"


def _not_json(path):
    path.write_text("{ this is not a notebook")
    return "Notebook does not appear to be JSON"


@pytest.mark.parametrize("breakage", [_duplicate_grade_id, _not_json])
def test_broken_source_stops_release_and_leaves_course_unchanged(copy, breakage):
    root, exchange = copy
    before = tree(root / "course")
    expected_reason = breakage(root / "solutions" / FIRST / f"{FIRST}.ipynb")
    result = run(root, "autograder.release", exchange=exchange)
    assert result.returncode == 1
    assert f"solutions/{FIRST} could not be generated: " in result.stderr
    assert expected_reason in result.stderr and "course/ is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(root / "course") == before
    assert not (exchange / "nn-fundamentals").exists()


def test_full_release_removes_what_is_no_longer_in_solutions(copy):
    root, exchange = copy
    (root / "course" / "00_retired").mkdir()
    (root / "course" / "00_retired" / "00_retired.ipynb").write_text("{}")
    result = run(root, "autograder.release", exchange=exchange)
    assert result.returncode == 0, result.stderr
    assert not (root / "course" / "00_retired").exists()
    assert "no longer in solutions/: 00_retired" in result.stdout


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_header_names_the_notebooks_own_assignment_and_what_to_do_after_a_restart(assignment):
    notebook = json.loads((REPO / "course" / assignment / f"{assignment}.ipynb").read_text())
    header = "".join(notebook["cells"][0]["source"])
    assert f"make validate ASSIGNMENT={assignment}`" in header
    assert "{assignment}" not in header
    assert "*Run → Run All Above Selected Cell*" in header
