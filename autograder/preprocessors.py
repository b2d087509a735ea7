"""The course's own steps in nbgrader's pipelines: what grading runs, and what feedback pages may show.

- ``RestoreLockedCells`` (autograde): nbgrader's OverwriteCells, which puts back every locked cell's source,
  without its warning for each hidden-test cell that the student left as released: a released hidden-test cell
  differs from its source by design (compare jupyter/nbgrader#1961), and those warnings buried the ones that
  matter. A locked cell the student did change is still reported, with the student's name.
- ``SkipDemonstrations`` (autograde): a cell tagged ``demo`` only shows something (a long training run, a
  comparison, a picture) and no test depends on it, so grading does not run it. Only cells that nbgrader does not
  grade or lock can be skipped: tagging a test cell ``demo`` does not skip it.
- ``TrimHiddenTracebacks`` (feedback): nbgrader's ClearHiddenTests removes hidden tests from the cells' sources,
  not from their outputs. When a hidden test fails outside ``check`` (a misspelt or deleted function gives a
  NameError), IPython's traceback quotes the hidden lines around the failing one (compare jupyter/nbgrader#917).
  ``check``'s own failures are safe: ``CheckFailed`` renders itself without quoting the test cell.
- ``SummariseExercises`` (feedback): the scores per exercise, and what each test checks, for the page's summary
  at the top (autograder/templates/course_feedback), where nbgrader lists only "Test cell (Score: ...)" lines.
"""
from nbformat import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor, OverwriteCells

from .notebooks import HIDDEN_TESTS_BLOCK, exercises, grade_id, is_test, test_label

DEMO_TAG = "demo"
SKIPPED_DEMO = "# A demonstration: not run when the notebook is graded."
SAFE_ERRORS = {"CheckFailed"}  # render their own traceback without the test cell's source
HIDDEN_NOTE = "    (this cell's tests are hidden, so their code is not shown)"


class RestoreLockedCells(OverwriteCells):
    """OverwriteCells, reporting only the changes the student made."""

    def preprocess(self, nb, resources):
        self.student = resources["nbgrader"].get("student", "?")
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        self.submitted = cell.source
        return super().preprocess_cell(cell, resources, index)

    def report_change(self, name, attr, old, new):
        if attr == "checksum" and self.submitted == self._as_released(name):
            return
        self.log.warning("%s changed the locked cell %s (its %s); the original was put back", self.student, name, attr)

    def _as_released(self, name):
        """The cell's source as the release gave it to students: without its hidden tests."""
        source = self.gradebook.find_source_cell(name, self.notebook_id, self.assignment_id).source
        cell = NotebookNode(source=source)
        ClearHiddenTests()._remove_hidden_test_region(cell)
        return cell.source


def is_demo(cell):
    """A code cell tagged ``demo`` that nbgrader neither grades nor locks."""
    return (cell.cell_type == "code" and DEMO_TAG in cell.metadata.get("tags", [])
            and not cell.metadata.get("nbgrader"))


class SkipDemonstrations(NbGraderPreprocessor):
    """Replace each demonstration cell's code by a comment saying it was skipped."""

    def preprocess_cell(self, cell, resources, index):
        if is_demo(cell):
            cell.source = SKIPPED_DEMO
        return cell, resources


class TrimHiddenTracebacks(NbGraderPreprocessor):
    """Replace the traceback of an error in a hidden-test cell by its one-line message. Runs before
    ClearHiddenTests, while the markers still say which cells hold hidden tests."""

    def preprocess_cell(self, cell, resources, index):
        if is_test(cell) and HIDDEN_TESTS_BLOCK.search(cell.source):
            for output in cell.get("outputs", []):
                if output.output_type == "error" and output.ename not in SAFE_ERRORS:
                    output.traceback = [f"\x1b[0;31m{output.ename}\x1b[0m: {output.evalue}", HIDDEN_NOTE]
        return cell, resources


class SummariseExercises(NbGraderPreprocessor):
    """resources["course"]["exercises"]: [{name, score, points, tests: [{grade_id, label, score, points}]}], in
    notebook order. Runs after GetGrades,
    which puts each cell's score in its metadata."""

    def preprocess(self, nb, resources):
        cells = {grade_id(cell): cell for cell in nb.cells if is_test(cell)}
        summary = []
        for exercise, tests in exercises(nb).items():
            rows = [{"grade_id": test, "label": test_label(cells[test], exercise),
                     "score": float(cells[test].metadata.nbgrader.get("score") or 0),
                     "points": float(cells[test].metadata.nbgrader.get("points") or 0)} for test in tests]
            summary.append({"name": exercise, "tests": rows, "score": sum(row["score"] for row in rows),
                            "points": sum(row["points"] for row in rows)})
        resources.setdefault("course", {})["exercises"] = summary
        return nb, resources

