"""`make validate ASSIGNMENT=01_dot_products` or `make validate NOTEBOOK=path/to.ipynb`: nbgrader's validation,
one line per failing test cell.

nbgrader's Validator runs the notebook on a fresh kernel with the students' configuration and decides which
test cells fail; the Validate button runs the same (validate_button.py) and shows the same lines. `nbgrader
validate` prints each failure as the cell's source and a traceback cut at 85 characters; this prints the
exercise, what the test checks (its first comment line) and the error's whole sentence (``ename: evalue``),
which for a failed check names the call, the result, the expectation and the mistake. As when a notebook is
graded, demonstration cells (tagged ``demo``) are not run: no test depends on them, and they take most of the
time. ASSIGNMENT names the student's working copy, my-work/ID/ID.ipynb.

Exit status: 0 when every visible test passes, 1 when one fails (or test cells were changed), 2 when there is
no such notebook or assignment.
"""
import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, Execute
from nbgrader.validator import Validator
from traitlets import List
from traitlets.config.loader import PyFileConfigLoader

from .course import RELEASE, shown
from .lab import STUDENT_CONFIG_DIR
from .notebooks import exercises, grade_id, is_test, test_label
from .preprocessors import SkipDemonstrations, is_demo


class CourseValidator(Validator):
    """nbgrader's Validator, skipping demonstrations as grading does, and keeping the cells it judged failed:
    their outputs hold the errors' sentences, which Validator.validate's results give only inside tracebacks."""

    preprocessors = List([CheckCellMetadata, ClearOutput, SkipDemonstrations, Execute])
    failures = ()

    def _get_failed_cells(self, nb):
        failed = super()._get_failed_cells(nb)
        chosen = {id(cell) for cell in failed}
        self.failures = [cell for cell in nb.cells if id(cell) in chosen]
        return failed


@dataclass
class Outcome:
    """What validating a notebook found: (where, what) per problem, the verdict, and how many demonstrations it
    skipped."""
    problems: list
    verdict: str
    skipped: int

    @property
    def passed(self):
        return not self.problems

    @property
    def lines(self):
        return [f"{where} — {what}" for where, what in self.problems]

    def skipped_line(self):
        if not self.skipped:
            return ""
        if self.skipped == 1:
            return "1 demonstration cell was not run (no test depends on it, and grading skips it too)."
        return f"{self.skipped} demonstration cells were not run (no test depends on them, and grading skips them too)."


def student_config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(STUDENT_CONFIG_DIR)).load_config()


def validate(path, config):
    """Validate the notebook at ``path`` with nbgrader's ``config``: an Outcome."""
    validator = CourseValidator(config=config)
    results = validator.validate(str(path))
    nb = nbformat.read(path, as_version=4)
    problems, verdict = report(nb, results, validator.failures)
    return Outcome(problems, f"{Path(path).name} {verdict}", sum(map(is_demo, nb.cells)))


def main(argv=None):
    args = parse_arguments(argv)
    config = student_config()
    path = notebook_path(args, work=Path(config.Exchange.assignment_dir))
    if isinstance(path, str):
        print(f"make validate: {path}", file=sys.stderr)
        return 2
    outcome = validate(path, config)
    for line in [*outcome.lines, outcome.skipped_line(), outcome.verdict]:
        if line:
            print(line)
    return 0 if outcome.passed else 1


def notebook_path(args, work):
    """The notebook to validate, or why there is none (a string). An assignment's is its working copy."""
    if args.notebook:
        path = Path(args.notebook)
        return path.resolve() if path.is_file() else f"no notebook at {args.notebook}"
    if not args.assignment:
        return "name a notebook: make validate ASSIGNMENT=01_dot_products, or make validate NOTEBOOK=path/to.ipynb"
    known = sorted(path.name for path in RELEASE.iterdir() if path.is_dir())
    if args.assignment not in known:
        return f"unknown assignment {args.assignment}. The assignments are: {', '.join(known)}."
    path = work / args.assignment / f"{args.assignment}.ipynb"
    if not path.is_file():
        return f"no working copy at {shown(path)}: `make lab` copies it there from course/"
    return path


def report(nb, results, failures):
    """([(where, what) per problem], the verdict) from Validator.validate's results and its failed cells."""
    names = {cell.source.strip(): describe(nb, cell) for cell in nb.cells}
    if results.get("type_changed"):
        problems = [(names.get(cell["source"], "a cell"),
                     f"changed from a {cell['old_type']} cell to a {cell['new_type']} cell")
                    for cell in results["type_changed"]]
        return problems, "has cells of another type than released: change them back and validate again"
    if results.get("changed"):
        problems = [(names.get(cell["source"], "a test cell"), "this read-only cell was changed")
                    for cell in results["changed"]]
        return problems, ("has changed read-only cells, which grading restores: copy them back from course/ "
                       "and validate again")
    problems = [(describe(nb, cell), sentence(cell)) for cell in failures]
    if problems:
        return problems, f"fails {len(problems)} test cell{'s' if len(problems) > 1 else ''}"
    return problems, "passes every test cell (the hidden tests check more when it is graded)"


def describe(nb, cell):
    """A test cell as 'exercise: what it checks' (its first comment line); another cell by its grade id."""
    if is_test(cell):
        exercise = next((name for name, tests in exercises(nb, submitted=True).items() if grade_id(cell) in tests),
                        None)
        if exercise:
            return f"{exercise}: {test_label(cell, exercise)}"
    metadata = cell.get("metadata", {}).get("nbgrader", {})
    return metadata.get("grade_id") or "a cell"


def sentence(cell):
    """The cell's error as one line: ``ename: evalue``, or what it wrote to stderr, or nbgrader's reason."""
    for output in cell.outputs:
        if output.output_type == "error":
            return " ".join(f"{output.ename}: {output.evalue}".split())
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stderr":
            return "wrote to stderr (a graded cell must not): " + " ".join(output.text.split())
    return "passed some but not all of its tests (partial credit)"


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m autograder.validate", description=__doc__.split("\n")[0])
    parser.add_argument("assignment", nargs="?", help="an assignment id: validates my-work/ID/ID.ipynb")
    parser.add_argument("--notebook", help="validate this notebook instead")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
