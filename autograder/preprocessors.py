"""The course's own steps in nbgrader's pipelines: what grading runs, and what feedback pages may show.

- ``SkipDemonstrations`` (autograde): a cell tagged ``demo`` only shows something (a long training run, a
  comparison, a picture) and no test depends on it, so grading does not run it. Only cells that nbgrader does not
  grade or lock can be skipped: tagging a test cell ``demo`` does not skip it.
- ``TrimHiddenTracebacks`` (feedback): nbgrader's ClearHiddenTests removes hidden tests from the cells' sources,
  not from their outputs. When a hidden test fails outside ``check`` (a misspelt or deleted function gives a
  NameError), IPython's traceback quotes the hidden lines around the failing one (compare jupyter/nbgrader#917).
  ``check``'s own failures are safe: ``CheckFailed`` renders itself without quoting the test cell.
"""
from nbgrader.preprocessors import NbGraderPreprocessor

from .notebooks import HIDDEN_TESTS_BLOCK, is_test

DEMO_TAG = "demo"
SKIPPED_DEMO = "# A demonstration: not run when the notebook is graded."
SAFE_ERRORS = {"CheckFailed"}  # render their own traceback without the test cell's source
HIDDEN_NOTE = "    (this cell's tests are hidden, so their code is not shown)"


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
