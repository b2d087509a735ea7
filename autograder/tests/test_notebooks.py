"""Every notebook is valid, committed without outputs, and built the course's way; released notebooks hold no
solution and no hidden test."""
import ast
import re

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator

from autograder.course import CONFIG_DIR, RELEASE, SOURCE
from autograder.notebooks import (HIDDEN_TESTS_BLOCK, SOLUTION_BLOCK, answers, autograded_cells, exercises,
                                  grade_id, hidden_test_names, is_answer, is_test, modules_used)
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import tree

SOURCES = {a: SOURCE / a / f"{a}.ipynb" for a in ASSIGNMENTS}
RELEASES = {a: RELEASE / a / f"{a}.ipynb" for a in ASSIGNMENTS}
ALL = [pytest.param(path, id=str(path.relative_to(path.parents[2]))) for path in [*SOURCES.values(), *RELEASES.values()]]


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.mark.parametrize("path", ALL)
def test_valid_notebook_and_nbgrader_metadata(path):
    nb = read(path)
    nbformat.validate(nb)
    MetadataValidator().validate_nb(nb)


@pytest.mark.parametrize("path", ALL)
def test_committed_without_outputs(path):
    dirty = [cell.get("id") for cell in read(path).cells
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"cells with outputs (clear them before committing): {dirty}"


@pytest.mark.parametrize("path", ALL)
def test_no_code_line_is_wider_than_a_cell(path):
    """JupyterLab cuts a code cell's lines at its edge, about 100 characters in a 1280-pixel window: a test's
    arguments or advice past it are out of sight."""
    wide = [f"{cell.metadata.get('nbgrader', {}).get('grade_id', cell.get('id'))}: {len(line)} characters"
            for cell in read(path).cells if cell.cell_type == "code"
            for line in cell.source.splitlines() if len(line) > 100]
    assert not wide, f"wrap these lines at 100 characters: {wide}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_holds_no_solution_and_no_hidden_test(assignment):
    source, released = read(SOURCES[assignment]), read(RELEASES[assignment])
    text = RELEASES[assignment].read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text
    released_sources = {grade_id(c): c.source for c in released.cells if "nbgrader" in c.metadata}
    for cell in source.cells:
        for block in SOLUTION_BLOCK.findall(cell.source) + HIDDEN_TESTS_BLOCK.findall(cell.source):
            for line in block.splitlines():
                line = line.strip()
                if len(line) > 12 and not line.startswith("#"):
                    assert line not in released_sources.get(grade_id(cell), ""), f"leaked into the release: {line}"
    for cell in released.cells:
        if is_answer(cell):
            assert "raise NotImplementedError()" in cell.source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_starts_with_the_course_header(assignment):
    header = read(CONFIG_DIR / "header.ipynb")
    released = read(RELEASES[assignment])
    named = [c.source.replace("{assignment}", assignment) for c in header.cells]  # as the release names it
    assert [c.source for c in released.cells[:len(header.cells)]] == named


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_is_one_function_with_a_docstring_that_gives_shapes(assignment):
    for name, source in answers(read(SOURCES[assignment])).items():
        functions = [node for node in ast.parse(source).body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
        assert [f.name for f in functions] == [name], f"answer cell {name} must define exactly `def {name}` (or `class {name}`)"
        docstring = ast.get_docstring(functions[0]) or ""
        assert "shape" in docstring, f"{name}'s docstring does not give shapes"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_has_visible_and_hidden_tests_with_points(assignment):
    nb = read(SOURCES[assignment])
    cells = {grade_id(cell): cell for cell in autograded_cells(nb)}
    for exercise, tests in exercises(nb).items():
        assert any("BEGIN HIDDEN TESTS" not in cells[t].source for t in tests), f"{exercise}: no visible test"
        assert any("BEGIN HIDDEN TESTS" in cells[t].source for t in tests), f"{exercise}: no hidden test"
        for test in tests:
            assert cells[test].metadata.nbgrader["points"] > 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_test_cell_says_in_its_first_line_what_it_checks(assignment):
    """A comment, not a docstring: a released hidden-test cell keeps only that line, and a lone string would be
    shown as the cell's Out[..] value (which nbgrader tries to read as partial credit)."""
    for cell in read(SOURCES[assignment]).cells:
        if is_test(cell):
            first = cell.source.splitlines()[0]
            assert first.startswith("# ") and len(first) > 12, f"{grade_id(cell)} must open with a comment saying what it checks"
            assert len(first) <= 100, f"{grade_id(cell)}: keep the first line within a cell's width (100 characters)"
            assert ast.get_docstring(ast.parse(cell.source)) is None, f"{grade_id(cell)}: a comment, not a docstring"


README = SOURCE.parent / "README.md"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_notation_is_the_readmes(assignment):
    """One notation, in one place: each notebook links to it, and a `dense` is a layer with its activation (the
    weighted sum alone is `linear`), so that the name keeps one meaning across the course."""
    assert "\n## Notation\n" in README.read_text()
    nb = read(SOURCES[assignment])
    assert any("](../../README.md#notation)" in cell.source for cell in nb.cells if cell.cell_type == "markdown")
    for cell in nb.cells:
        if cell.cell_type != "code" or is_test(cell):  # a test may define a wrong dense on purpose
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.FunctionDef) and node.name == "dense":
                called = {getattr(call.func, "id", getattr(call.func, "attr", None))
                          for call in ast.walk(node) if isinstance(call, ast.Call)}
                assert called & {"g", "sigmoid", "exp"}, f"{assignment}: a dense without activation: call it linear"


# In a formula, N counts examples: never differentiated, never defined as a product or a sum (Weidman's weighted sums
# are Z in formulas, and keep his name `N` only in code).
N_AS_A_QUANTITY = [re.compile(r"\\partial\s*N(?![_\w])"), re.compile(r"(?<![\w\\{])N\s*=\s*[A-Za-z\\]"),
                   re.compile(r"=\s*N\s*[+@]")]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_n_in_a_formula_is_the_number_of_examples(assignment):
    for cell in read(SOURCES[assignment]).cells:
        if cell.cell_type == "markdown":
            for formula in re.findall(r"\$\$.*?\$\$|\$[^$\n]*\$", cell.source, re.S):
                assert not any(p.search(formula) for p in N_AS_A_QUANTITY), \
                    f"{assignment}: N is the number of examples, not a quantity: {formula[:80]}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_folder_holds_only_the_notebook(assignment):
    assert list(tree(RELEASE / assignment)) == [f"{assignment}.ipynb"]


def test_the_modules_a_notebook_uses_include_those_the_helpers_import_when_called():
    """What grading kernels start with, imported: TensorFlow for a notebook that has nncourse.tf import it,
    scikit-learn for one that loads its data sets, not for one that asks nncourse.data for something else."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import numpy as np\nfrom nncourse.tf import import_tensorflow\ntf = import_tensorflow()"),
        nbformat.v4.new_markdown_cell("import nothing"),
        nbformat.v4.new_code_cell("%matplotlib inline"),
        nbformat.v4.new_code_cell("from nncourse.checks import check\nimport numpy")])
    assert modules_used(nb) == ["numpy", "nncourse.tf", "tensorflow", "nncourse.checks"]
    games = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from nncourse.data import trask_games")])
    assert modules_used(games) == ["nncourse.data"]
    digits = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from nncourse.data import load_digits")])
    assert modules_used(digits) == ["nncourse.data", "sklearn.datasets", "sklearn.model_selection"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_notebook_whose_hidden_tests_search_its_domain_has_grading_preload_hypothesis(assignment):
    """The source notebook, hidden tests included, is what grading kernels are prepared for."""
    nb = read(SOURCES[assignment])
    if searched_exercises(nb):
        assert {"hypothesis", "hypothesis.extra.numpy", "nncourse.domain"} <= set(modules_used(nb))


# Every graded function's hidden tests search the whole domain its docstring declares (nncourse.domain).
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_function_is_searched_over_its_declared_domain_in_its_hidden_tests(assignment):
    nb = read(SOURCES[assignment])
    missing = sorted(set(exercises(nb)) - searched_exercises(nb))
    assert not missing, f"graded functions whose hidden tests call no `search(function, ...)`: {missing}"


def searched_exercises(nb):
    """The functions that a hidden-test block passes to nncourse.domain's search as the function searched, itself
    or wrapped in a call (`summarised(build_classifier, ...)`, for a function whose result is read back)."""
    searched = set()
    for cell in nb.cells:
        for block in HIDDEN_TESTS_BLOCK.findall(cell.source if is_test(cell) else ""):
            for node in ast.walk(ast.parse(block)):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "search" and node.args:
                    function = node.args[0]
                    if isinstance(function, ast.Call) and function.args:
                        function = function.args[0]
                    if isinstance(function, ast.Name):
                        searched.add(function.id)
    return searched


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_function_the_hidden_tests_define_is_named_in_the_release(assignment):
    """A reference implementation lives in the hidden tests: the release strips them, name and source."""
    names = hidden_test_names(read(SOURCES[assignment]))
    released = RELEASES[assignment].read_text()
    leaked = [name for name in names if re.search(rf"\b{name}\b", released)]
    assert not leaked, f"names of the hidden tests' functions found in the release: {leaked}"


def test_08_reads_its_test_digits_where_it_loads_them_and_then_only_in_its_last_code_cell():
    """Every choice in 08 (learning rates, steps, epochs, hidden units) is made on validation digits: the names
    that the test split is loaded into are read by the cell that loads them (for their shapes and sizes only) and
    then by one code cell, the last, which scores the chosen model once. Test cells are held to it too: a grading
    test that scored a model on those digits would be a test-set score before the final one."""
    code = [cell for cell in read(SOURCES["08_tensorflow_softmax_adam"]).cells if cell.cell_type == "code"]

    def test_split_names(cell, context):
        """The notebook-level names of inputs or labels ending in `_test` (`X_test`, `y01_test`) that ``cell``
        uses in ``context`` (ast.Load or ast.Store), each with the node above it; a function's own parameters are
        its business, not the notebook's."""
        found = []

        def visit(node, parent, own):
            if isinstance(node, (ast.FunctionDef, ast.Lambda)):
                own = own | {a.arg for a in node.args.args + node.args.kwonlyargs}
            if (isinstance(node, ast.Name) and isinstance(node.ctx, context)
                    and re.fullmatch(r"[Xy]\w*_test", node.id) and node.id not in own):
                found.append((node.id, parent))
            for child in ast.iter_child_nodes(node):
                visit(child, node, own)
        visit(ast.parse(cell.source), None, frozenset())
        return found

    loading = [i for i, cell in enumerate(code) if test_split_names(cell, ast.Store)]
    assert len(loading) == 1, f"the test split is assigned in several code cells: {loading}"
    for name, parent in test_split_names(code[loading[0]], ast.Load):
        sized = (isinstance(parent, ast.Attribute) and parent.attr == "shape") or (
            isinstance(parent, ast.Call) and getattr(parent.func, "id", None) == "len")
        assert sized, f"the cell that loads the test split uses {name} for more than its shape or size"
    reading = [i for i, cell in enumerate(code) if i not in loading and test_split_names(cell, ast.Load)]
    assert reading == [len(code) - 1], (
        "code cells other than the last read the test split: "
        + "; ".join(code[i].source.splitlines()[0] for i in reading if i != len(code) - 1))


# Model selection, CS231n's way: every setting is chosen on a validation split, and the test split is scored once,
# at the end. A notebook's code is the same for every student (answers are functions of their arguments; the cells
# that load, choose and score are the notebook's), so reading it once, released and solved, holds for all of them,
# without running a kernel. A name that ends in `_test` (or holds `_test_`) is the test split or made from it.
SELECTS_ON_VALIDATION = ["04_linear_regression", "07_backprop_outer_product"]


def _split_names(cell, suffix):
    names = {node.id for node in ast.walk(ast.parse(cell.source)) if isinstance(node, ast.Name)}
    return {name for name in names if name.endswith(suffix) or f"{suffix}_" in name}


@pytest.mark.parametrize("path", [pytest.param(paths[a], id=f"{kind}/{a}") for a in SELECTS_ON_VALIDATION
                                  for kind, paths in (("solutions", SOURCES), ("course", RELEASES))])
def test_the_test_split_is_scored_once_after_every_validation_choice(path):
    """After the cell that loads the data (and may split off the validation set), one code cell alone uses the
    test split: the last, after every cell that uses the validation split (no test score before the final one,
    nothing chosen after it)."""
    cells = [cell for cell in read(path).cells if cell.cell_type == "code" and not is_test(cell)]
    uses_test = [i for i, cell in enumerate(cells) if _split_names(cell, "_test")]
    uses_val = [i for i, cell in enumerate(cells) if _split_names(cell, "_val")]
    assert uses_val, "no cell uses a validation split (X_val, y_val)"
    loading, *scoring = uses_test
    assert len(scoring) == 1, (f"the test split is used in {len(scoring)} cells after it is loaded, not once: "
                               + "; ".join(cells[i].source.splitlines()[0] for i in scoring))
    # the loading cell may make the validation split too; the scoring cell comes after every validation cell
    assert loading <= uses_val[0] and scoring[0] > uses_val[-1], "the test split is scored before the last choice"
    assert not any(is_answer(cells[i]) for i in uses_test), "an answer cell uses the test split"
