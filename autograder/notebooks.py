"""What the course's notebooks are made of, in nbgrader's terms.

An *exercise* is an answer cell (nbgrader "solution" code cell, grade_id = the function's name) followed by its
test cells (nbgrader "grade" code cells with points): each test cell belongs to the nearest answer cell above it.
That order is the course's one convention; nothing else (no naming scheme) ties tests to exercises.
"""
import ast
import copy
import importlib
import re

HELPERS = "nncourse"  # the course's helper package
_SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")
# The blocks a release removes: solutions (replaced by a stub) and hidden tests.
SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)
HIDDEN_TESTS_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def is_answer(cell):
    return cell.cell_type == "code" and _nbgrader(cell).get("solution", False)


def is_locked(cell):
    """A cell nbgrader puts back as released when grading: the course's, not the student's."""
    return _nbgrader(cell).get("locked", False)


def is_test(cell):
    meta = _nbgrader(cell)
    return cell.cell_type == "code" and meta.get("grade", False) and not meta.get("solution", False)


def grade_id(cell):
    return _nbgrader(cell)["grade_id"]


def exercises(nb, submitted=False):
    """{answer grade_id: [its test cells' grade_ids]}, in notebook order. A source's test cell before any answer
    cell is a mistake of the course's; a ``submitted`` notebook's (its cells moved) belongs to the first answer."""
    found, current, early = {}, None, []
    for cell in nb.cells:
        if is_answer(cell):
            current = grade_id(cell)
            found[current], early = early, []
        elif is_test(cell):
            if current is None and not submitted:
                raise ValueError(f"test cell {grade_id(cell)} comes before any answer cell")
            (found[current] if current else early).append(grade_id(cell))
    return found


def points(nb):
    """{test grade_id: its points}, in notebook order."""
    return {grade_id(cell): cell.metadata.nbgrader.get("points", 0) for cell in nb.cells if is_test(cell)}


def autograded_cells(nb):
    return [cell for cell in nb.cells if is_test(cell)]


def answers(nb):
    """{answer grade_id: source}, with the solution markers removed: what a student who solved it would write."""
    return {grade_id(cell): "\n".join(line for line in cell.source.splitlines()
                                      if not _SOLUTION_MARKER.match(line))
            for cell in nb.cells if is_answer(cell)}


def with_answers(nb, sources):
    """A copy of ``nb`` whose answer cells named in ``sources`` hold those sources instead."""
    unknown = set(sources) - {grade_id(cell) for cell in nb.cells if is_answer(cell)}
    if unknown:
        raise KeyError(f"no answer cell named {', '.join(sorted(unknown))}")
    filled = copy.deepcopy(nb)
    for cell in filled.cells:
        if is_answer(cell) and grade_id(cell) in sources:
            cell.source = sources[grade_id(cell)]
    return filled


def marks(nb):
    """What ties a copy of a released notebook to its release: its cells' ids, which a student's copy keeps, and
    the checksums nbgrader gave the locked cells, which grading puts back if changed."""
    found = {("id", cell.get("id")) for cell in nb.cells if cell.get("id")}
    return found | {("checksum", _nbgrader(cell)["checksum"]) for cell in nb.cells
                    if is_locked(cell) and _nbgrader(cell).get("checksum")}


def answers_changed(nb, released):
    """How many of the release's answer cells ``nb`` holds with another source than the release's."""
    stubs = {grade_id(cell): cell.source for cell in released.cells if is_answer(cell)}
    return sum(1 for cell in nb.cells if is_answer(cell) and grade_id(cell) in stubs
               and cell.source.strip() != stubs[grade_id(cell)].strip())


def test_label(cell, exercise):
    """What a test cell checks: its first comment line, without the "exercise:" that a summary already shows."""
    first = cell.source.splitlines()[0] if cell.source else ""
    return first.removeprefix("#").strip().removeprefix(f"{exercise}:").strip() or grade_id(cell)


def modules_used(nb):
    """The modules a notebook's code uses, in order of first import: those its cells import (`import numpy as np`
    and `from nncourse.checks import ...` give numpy and nncourse.checks), each of the course's helper modules
    followed by what the functions it is asked for import only when called (its LAZY_IMPORTS: TensorFlow for
    nncourse.tf's import_tensorflow)."""
    found = []
    for module, names in _imports(nb):
        found.append(module)
        if module.split(".")[0] == HELPERS:  # light to import, by design (nncourse/tests/test_imports.py)
            lazy = getattr(importlib.import_module(module), "LAZY_IMPORTS", {})
            found += [later for name in (names or lazy) for later in lazy.get(name, [])]
    return list(dict.fromkeys(found))


def _imports(nb):
    """(module, the names imported from it, or None for a whole module) for each import in the code cells."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics, or a student's broken cell
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((node.module, [alias.name for alias in node.names]))
    return found


def hidden_test_names(nb):
    """Names the hidden-test blocks give to functions (a def, or a lambda assigned to a name) that no other
    cell uses: a reference, a gate passed in. Names the notebook also uses elsewhere say nothing of them."""
    text = "\n".join(cell.source for cell in nb.cells)
    elsewhere = HIDDEN_TESTS_BLOCK.sub("", text)
    names = set()
    for block in HIDDEN_TESTS_BLOCK.findall(text):
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.FunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
                names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return sorted(name for name in names if not re.search(rf"\b{name}\b", elsewhere))
