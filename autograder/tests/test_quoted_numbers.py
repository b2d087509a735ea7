"""Numbers the notebooks' prose quotes about their data and pictures, recomputed: a reviewer found each of these
wrong once, and a change of data or figure must not make them wrong again."""
import ast
import re

import nbformat
import numpy as np

from autograder.course import SOURCE
from autograder.notebooks import is_answer, is_test
from nncourse.data import load_digits


def notebook(assignment):
    return nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", as_version=4)


def prose(assignment):
    return "\n".join(cell.source for cell in notebook(assignment).cells if cell.cell_type == "markdown")


def assigned_literal(assignment, name):
    """The literal value a code cell of the notebook assigns to ``name``."""
    for cell in notebook(assignment).cells:
        if cell.cell_type == "code" and f"{name} = " in cell.source:
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
                    return ast.literal_eval(node.value)
    raise LookupError(f"{assignment} assigns no {name}")


def test_each_xor_line_gets_as_many_points_wrong_as_the_prose_says():
    four, xor = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array([0, 1, 1, 0])
    lines = assigned_literal("05_perceptrons", "xor_lines")
    wrong = {name: int(np.sum((four @ np.array(w) + b > 0) != xor)) for name, (w, b) in lines.items()}
    assert wrong == {"$x_1 + x_2 = 0.5$": 1, "$x_1 = 0.5$": 2, "$x_1 + x_2 = 1.5$": 3}
    text = " ".join(prose("05_perceptrons").split())
    for name, count in wrong.items():
        assert f"{name} {['one', 'two', 'three'][count - 1]}" in text, f"05 does not say {name} gets {count} wrong"


def test_the_test_images_per_digit_are_as_many_as_07_says():
    _, _, _, labels_test = load_digits()
    per_digit = np.bincount(labels_test)
    fewest, most = map(int, re.search(r"each digit has (\d+) to (\d+) test images", prose(
        "07_backprop_outer_product")).groups())
    assert (fewest, most) == (per_digit.min(), per_digit.max()) == (52, 55)


def test_08_scores_the_test_digits_once_at_the_end():
    # Every choice and every look at errors is on validation digits: the notebook's own cells (not the exercises'
    # tests) hand the test split to a function once, in the last code cell, for the chosen model.
    cells = [cell for cell in notebook("08_tensorflow_softmax_adam").cells
             if cell.cell_type == "code" and not is_test(cell) and not is_answer(cell)]

    def hands_over_test_data(cell):
        calls = [node for node in ast.walk(ast.parse(cell.source)) if isinstance(node, ast.Call)
                 and getattr(node.func, "id", None) != "len"]
        return any(isinstance(arg, ast.Name) and arg.id.endswith("_test") for call in calls
                   for arg in [*call.args, *(k.value for k in call.keywords)])

    scoring = [index for index, cell in enumerate(cells) if hands_over_test_data(cell)]
    assert scoring == [len(cells) - 1], [cells[i].source.splitlines()[0] for i in scoring]
