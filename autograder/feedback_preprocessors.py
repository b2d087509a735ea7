"""What the feedback pages may show of a hidden test: why it failed, never its code.

nbgrader's ClearHiddenTests removes hidden tests from the cells' sources, but not from their outputs: when a hidden
test fails outside ``check`` (a misspelt or deleted function gives a NameError, a cell runs out of time), IPython's
traceback quotes the hidden lines around the failing one (compare jupyter/nbgrader#917). ``check``'s own failures
are safe, since ``CheckFailed`` renders itself without quoting the test cell. Runs before ClearHiddenTests, while
the markers still say which cells hold hidden tests.
"""
from nbgrader.preprocessors import NbGraderPreprocessor

from .notebooks import HIDDEN_TESTS_BLOCK, is_test

SAFE_ERRORS = {"CheckFailed"}  # render their own traceback without the test cell's source
HIDDEN_NOTE = "    (this cell's tests are hidden, so their code is not shown)"


class TrimHiddenTracebacks(NbGraderPreprocessor):
    """Replace the traceback of an error in a hidden-test cell by its one-line message."""

    def preprocess_cell(self, cell, resources, index):
        if is_test(cell) and HIDDEN_TESTS_BLOCK.search(cell.source):
            for output in cell.get("outputs", []):
                if output.output_type == "error" and output.ename not in SAFE_ERRORS:
                    output.traceback = [f"\x1b[0;31m{output.ename}\x1b[0m: {output.evalue}", HIDDEN_NOTE]
        return cell, resources
