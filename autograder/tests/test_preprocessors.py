"""The course's steps in nbgrader's pipelines, each on a small assignment of its own, through real nbgrader runs."""
import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from autograder.gradebook import CourseDirectory
from autograder.notebooks import grade_id
from autograder.preprocessors import SKIPPED_DEMO

ASSIGNMENT = "99_demonstrations"


def cell(source, tags=(), **nbgrader):
    made = new_code_cell(source)
    if tags:
        made.metadata["tags"] = list(tags)
    if nbgrader:
        made.metadata["nbgrader"] = {"schema_version": 3, "locked": True, "solution": False, "grade": False,
                                     **nbgrader}
    return made


def test_cells_tagged_demo_are_not_run_when_graded_and_tests_always_are(tmp_path):
    source = new_notebook(cells=[
        cell("def answer():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION",
             grade_id="answer", solution=True, locked=False),
        cell("raise RuntimeError('the demonstration ran')", tags=["demo"]),
        cell("assert answer() == 1", grade_id="test_answer", grade=True, points=1),
        cell("assert answer() == 2", grade_id="test_never_passes", grade=True, points=1),
    ])
    source.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (tmp_path / "solutions" / ASSIGNMENT).mkdir(parents=True)
    nbformat.write(source, tmp_path / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    course = CourseDirectory(tmp_path, db_url=f"sqlite:///{tmp_path / 'gradebook.db'}")
    course.nbgrader("generate_assignment", ASSIGNMENT, "--force")

    # A student tags the test they cannot pass as a demonstration too, hoping it is skipped.
    submission = course.notebook("release", ASSIGNMENT)
    for released in submission.cells:
        if released.metadata.get("nbgrader", {}).get("grade_id") == "answer":
            released.source = "def answer():\n    return 1"
        if released.metadata.get("nbgrader", {}).get("grade_id") == "test_never_passes":
            released.metadata["tags"] = ["demo"]
    course.submit("student", ASSIGNMENT, submission)
    course.nbgrader("autograde", ASSIGNMENT)

    assert course.scores(ASSIGNMENT, "student") == {"test_answer": (1.0, 1.0), "test_never_passes": (0.0, 1.0)}
    graded = course.notebook("autograded", ASSIGNMENT, student="student")
    demos = [c for c in graded.cells if c.source == SKIPPED_DEMO]
    assert len(demos) == 1 and not demos[0].outputs
    errors = {grade_id(c): o.ename for c in graded.cells if "nbgrader" in c.metadata for o in c.outputs
              if o.output_type == "error"}
    assert errors == {"test_never_passes": "AssertionError"}
