"""The course's own steps in nbgrader's pipelines: what grading runs, and what feedback pages may show.

- ``IncludeCourseHeader`` (release): nbgrader's IncludeHeaderFooter, with ``{assignment}`` in the header's cells
  replaced by the notebook's own assignment, so that its `make validate ASSIGNMENT=...` line can be copied as is.
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
- ``SealTestCells`` and ``CheckSeals`` (autograde, around Execute): a first cell records how the kernel runs code,
  and every test cell ends with a seal, a token made for that cell and this run (nncourse/integrity.py). After
  the run, a test cell with neither an error nor its token did not run as written (an input transformer blanked
  it, or its failure was hidden): it gets an error, so it earns nothing, and the notebook's metadata lists it, with
  whatever the seals saw changed in the machinery, for the grading pipeline to hold the submission for a person.
- ``ClearHiddenTestsOfTestCells`` (feedback): nbgrader's ClearHiddenTests on the test cells only. A student's own
  cell holding the marker text (a comment or a string) is the student's code, shown as written; nbgrader's would
  stop at the unmatched marker and leave the student without a page.
"""
import secrets

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_output
from nbgrader.preprocessors import ClearHiddenTests, IncludeHeaderFooter, NbGraderPreprocessor, OverwriteCells

from nncourse.integrity import SEAL_MIME

from .notebooks import HIDDEN_TESTS_BLOCK, exercises, grade_id, is_test, test_label

DEMO_TAG = "demo"
SKIPPED_DEMO = "# A demonstration: not run when the notebook is graded."
SAFE_ERRORS = {"CheckFailed"}  # render their own traceback without the test cell's source
HIDDEN_NOTE = "    (this cell's tests are hidden, so their code is not shown)"


class IncludeCourseHeader(IncludeHeaderFooter):
    """IncludeHeaderFooter, naming the assignment where the header says ``{assignment}``."""

    def preprocess(self, nb, resources):
        count = len(nb.cells)
        nb, resources = super().preprocess(nb, resources)
        header = nb.cells[:len(nb.cells) - count]
        for cell in header:
            cell.source = cell.source.replace("{assignment}", resources["nbgrader"]["assignment"])
        return nb, resources


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
        for exercise, tests in exercises(nb, submitted=True).items():
            rows = [{"grade_id": test, "label": test_label(cells[test], exercise),
                     "score": float(cells[test].metadata.nbgrader.get("score") or 0),
                     "points": float(cells[test].metadata.nbgrader.get("points") or 0)} for test in tests]
            summary.append({"name": exercise, "tests": rows, "score": sum(row["score"] for row in rows),
                            "points": sum(row["points"] for row in rows)})
        resources.setdefault("course", {})["exercises"] = summary
        return nb, resources



INTEGRITY = "nncourse_integrity"  # the autograded notebook's metadata: {"unsealed": [grade_id], "changed": [str]}
BASELINE_CELL = '__import__("nncourse.integrity", fromlist=["baseline"]).baseline()'
SEAL_LINE = '\n__import__("nncourse.integrity", fromlist=["seal"]).seal({token!r})'
UNSEALED = ("this test did not run as written: its last line never ran, yet no error was shown. "
            "The submission is held for a person to look at.")


class SealTestCells(NbGraderPreprocessor):
    """Put the baseline cell first and a seal at the end of every test cell (CheckSeals takes them out again)."""

    def preprocess(self, nb, resources):
        seals = resources["nncourse_seals"] = {}
        for cell in nb.cells:
            if is_test(cell):
                seals[grade_id(cell)] = (secrets.token_hex(16), cell.source)
                cell.source += SEAL_LINE.format(token=seals[grade_id(cell)][0])
        nb.cells.insert(0, new_code_cell(BASELINE_CELL))
        return nb, resources


class CheckSeals(NbGraderPreprocessor):
    """Take out the baseline cell and the seals, put the test cells' sources back, and fail each test cell that
    neither raised nor showed its token."""

    def preprocess(self, nb, resources):
        seals = resources.pop("nncourse_seals")
        if nb.cells and nb.cells[0].source == BASELINE_CELL:
            del nb.cells[0]
        unsealed, changed = [], []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            shown = [output for output in cell.outputs if SEAL_MIME in output.get("data", {})]
            cell.outputs = [output for output in cell.outputs if output not in shown]
            if not is_test(cell) or grade_id(cell) not in seals:
                if shown:
                    changed.append("a cell of the student's shows the grader's seal")
                continue
            token, cell.source = seals[grade_id(cell)]
            for output in cell.outputs:  # a traceback quotes the lines around the failing one: the seal among them
                if output.output_type == "error":
                    output.traceback = [_without_seal(frame) for frame in output.traceback]
            ran = [output.data[SEAL_MIME] for output in shown if output.data[SEAL_MIME].get("token") == token]
            for seal in ran:
                changed += [change for change in seal.get("changed", []) if change not in changed]
            if not ran and not any(output.output_type == "error" for output in cell.outputs):
                unsealed.append(grade_id(cell))
                cell.outputs.append(new_output("error", ename="NotRunAsWritten", evalue=UNSEALED,
                                               traceback=[f"NotRunAsWritten: {UNSEALED}"]))
        nb.metadata[INTEGRITY] = {"unsealed": unsealed, "changed": changed}
        return nb, resources


def _without_seal(text):
    return "\n".join(line for line in text.split("\n") if "nncourse.integrity" not in line)


class ClearHiddenTestsOfTestCells(ClearHiddenTests):
    """ClearHiddenTests, leaving alone every cell that is not a test cell."""

    def preprocess_cell(self, cell, resources, index):
        if not is_test(cell):
            return cell, resources
        return super().preprocess_cell(cell, resources, index)
