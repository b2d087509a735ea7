"""The course's steps in nbgrader's pipelines, each on a small assignment of its own, through real nbgrader runs."""
import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from autograder.gradebook import CourseDirectory
from autograder.notebooks import grade_id
from autograder.preprocessors import SKIPPED_DEMO

ASSIGNMENT = "99_pipeline"


def cell(source, tags=(), **nbgrader):
    made = new_code_cell(source)
    if tags:
        made.metadata["tags"] = list(tags)
    if nbgrader:
        made.metadata["nbgrader"] = {"schema_version": 3, "locked": True, "solution": False, "grade": False,
                                     **nbgrader}
    return made


ANSWER = cell("def answer():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION",
              grade_id="answer", solution=True, locked=False)


def released_course(tmp_path, *cells):
    """A course directory with one assignment made of ``cells``, generated; and its released notebook."""
    source = new_notebook(cells=list(cells))
    source.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (tmp_path / "solutions" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(source, tmp_path / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    course = CourseDirectory(tmp_path, db_url=f"sqlite:///{tmp_path / 'gradebook.db'}")
    course.nbgrader("generate_assignment", ASSIGNMENT, "--force")
    return course, course.notebook("release", ASSIGNMENT)


def edit(nb, grade_id_, **changes):
    for found in nb.cells:
        if found.metadata.get("nbgrader", {}).get("grade_id") == grade_id_:
            for key, value in changes.items():
                found[key] = value if key != "metadata" else {**found.metadata, **value}
    return nb


def test_cells_tagged_demo_are_not_run_when_graded_and_tests_always_are(tmp_path):
    course, submission = released_course(
        tmp_path, ANSWER,
        cell("raise RuntimeError('the demonstration ran')", tags=["demo"]),
        cell("assert answer() == 1", grade_id="test_answer", grade=True, points=1),
        cell("assert answer() == 2", grade_id="test_never_passes", grade=True, points=1))
    # A student tags the test they cannot pass as a demonstration too, hoping it is skipped.
    edit(submission, "answer", source="def answer():\n    return 1")
    edit(submission, "test_never_passes", metadata={"tags": ["demo"]})
    course.submit("student", ASSIGNMENT, submission)
    course.nbgrader("autograde", ASSIGNMENT)

    assert course.scores(ASSIGNMENT, "student") == {"test_answer": (1.0, 1.0), "test_never_passes": (0.0, 1.0)}
    graded = course.notebook("autograded", ASSIGNMENT, student="student")
    demos = [c for c in graded.cells if c.source == SKIPPED_DEMO]
    assert len(demos) == 1 and not demos[0].outputs
    errors = {grade_id(c): o.ename for c in graded.cells if "nbgrader" in c.metadata for o in c.outputs
              if o.output_type == "error"}
    assert errors == {"test_never_passes": "AssertionError"}


def test_grading_warns_only_about_locked_cells_the_student_changed(tmp_path):
    hidden = "# answer: hidden\n### BEGIN HIDDEN TESTS\nassert answer() == 1\n### END HIDDEN TESTS"
    course, submission = released_course(
        tmp_path, ANSWER,
        cell("assert answer() == 1", grade_id="test_visible", grade=True, points=1),
        cell(hidden, grade_id="test_hidden", grade=True, points=1),
        cell(hidden.replace("test_hidden", "test_hidden_too"), grade_id="test_hidden_too", grade=True, points=1))
    edit(submission, "answer", source="def answer():\n    return 1")
    edit(submission, "test_hidden_too", source="# answer: hidden\npass  # the student's own test")
    course.submit("student", ASSIGNMENT, submission)
    log = course.nbgrader("autograde", ASSIGNMENT)

    assert "Warning" not in log, log
    changed = [line for line in log.splitlines() if "changed" in line]
    assert len(changed) == 1, log
    assert "student changed the locked cell test_hidden_too" in changed[0]
    assert set(course.scores(ASSIGNMENT, "student").values()) == {(1.0, 1.0)}
