"""`make validate ASSIGNMENT=01_dot_products` or `make validate NOTEBOOK=path/to.ipynb`: nbgrader's validation,
one line per failing test cell.

nbgrader's Validator runs the notebook on a fresh kernel with the students' configuration and decides which
test cells fail, exactly as the Validate button does. `nbgrader validate` prints each failure as the cell's
source and a traceback cut at 85 characters; this prints the cell's grade id and the error's whole sentence
(``ename: evalue``), which for a failed check names the call, the result, the expectation and the mistake.
ASSIGNMENT names the student's working copy, my-work/ID/ID.ipynb.

Exit status: 0 when every visible test passes, 1 when one fails (or test cells were changed), 2 when there is
no such notebook or assignment.
"""
import argparse
import sys
from pathlib import Path

import nbformat
from nbgrader.validator import Validator
from traitlets.config.loader import PyFileConfigLoader

from .course import RELEASE, shown
from .lab import STUDENT_CONFIG_DIR


class CourseValidator(Validator):
    """nbgrader's Validator, keeping the cells it judged failed, numbered from 1: their outputs hold the errors'
    sentences, which Validator.validate's results give only inside tracebacks."""

    failures = ()

    def _get_failed_cells(self, nb):
        failed = super()._get_failed_cells(nb)
        chosen = {id(cell) for cell in failed}
        self.failures = [(number, cell) for number, cell in enumerate(nb.cells, 1) if id(cell) in chosen]
        return failed


def main(argv=None):
    args = parse_arguments(argv)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(STUDENT_CONFIG_DIR)).load_config()
    path = notebook_path(args, work=Path(config.Exchange.assignment_dir))
    if isinstance(path, str):
        print(f"make validate: {path}", file=sys.stderr)
        return 2
    validator = CourseValidator(config=config)
    results = validator.validate(str(path))
    lines, verdict = report(nbformat.read(path, as_version=4), results, validator.failures)
    for line in lines:
        print(line)
    print(f"{path.name} {verdict}")
    return 0 if not lines else 1


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
    """([one line per problem], the verdict) from Validator.validate's results and its failed cells."""
    names = {cell.source.strip(): _name(number, cell) for number, cell in enumerate(nb.cells, 1)}
    if results.get("type_changed"):
        lines = [f"{names.get(cell['source'], 'a cell')}: changed from a {cell['old_type']} cell to a "
                 f"{cell['new_type']} cell" for cell in results["type_changed"]]
        return lines, "has cells of another type than released: change them back and validate again"
    if results.get("changed"):
        lines = [f"{names.get(cell['source'], 'a test cell')}: this read-only cell was changed"
                 for cell in results["changed"]]
        return lines, ("has changed read-only cells, which grading restores: copy them back from course/ "
                       "and validate again")
    lines = [f"{_name(number, cell)}: {_sentence(cell)}" for number, cell in failures]
    if lines:
        return lines, f"fails {len(lines)} test cell{'s' if len(lines) > 1 else ''}"
    return lines, "passes every test cell (the hidden tests check more when it is graded)"


def _name(number, cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {number}"


def _sentence(cell):
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
