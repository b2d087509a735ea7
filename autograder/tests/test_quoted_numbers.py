"""Numbers the notebooks' prose quotes about their data and pictures, recomputed: a reviewer found each of these
wrong once, and a change of data or figure must not make them wrong again."""
import ast
import re

import nbformat
import numpy as np

from autograder.course import SOURCE
from autograder.notebooks import is_answer, is_test
from nncourse.data import load_diabetes, load_digits


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


def test_the_validation_images_per_digit_are_as_many_as_07_says():
    # 07's validation split: a fifth of the training images, in the order of a permutation seeded with 0
    _, _, labels_train, _ = load_digits()
    order = np.random.default_rng(0).permutation(len(labels_train))
    per_digit = np.bincount(labels_train[order[:len(labels_train) // 5]])
    fewest, most = map(int, re.search(r"each digit has (\d+) to (\d+) validation images", prose(
        "07_backprop_outer_product")).groups())
    assert (fewest, most) == (per_digit.min(), per_digit.max()) == (21, 31)


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


def test_the_diabetes_features_are_in_their_units_as_04_says():
    # scikit-learn's default scales every column by its standard deviation times sqrt(442): age would span
    # +-0.11 and sex be {-0.045, 0.051}. 04 reads coefficients per year and per mm Hg, so it needs the raw ones.
    X_train, X_test, y_train, _ = load_diabetes()
    X = np.vstack([X_train, X_test])
    age, sex, bp = X[:, 0], X[:, 1], X[:, 3]
    assert np.array_equal(age, np.round(age)) and (age.min(), age.max()) == (19, 79)    # whole years
    assert set(np.unique(sex)) == {1, 2}
    assert 60 <= bp.min() and bp.max() <= 140    # average blood pressure in mm Hg
    text = " ".join(prose("04_linear_regression").split())
    age, sex, bp = X_train[:, 0], X_train[:, 1], X_train[:, 3]
    assert (f"in their units: age {age.min():.0f} to {age.max():.0f} years, sex coded 1 or 2, "
            f"bp {bp.min():.0f} to {bp.max():.0f} mm Hg") in text

    ones = np.ones((len(X_train), 1))
    w = dict(zip(["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"],
                 np.linalg.lstsq(np.hstack([X_train, ones]), y_train, rcond=None)[0][:-1, 0]))
    assert (f"per unit: age {w['age']:.2f} per year, sex {w['sex']:.1f} (2 against 1), "
            f"bp {w['bp']:.2f} per mm Hg, s5 {w['s5']:.1f}") in text


def test_04s_first_epoch_is_as_much_lower_than_the_mean_of_y_squared_as_it_says():
    _, _, y_train, _ = load_diabetes()
    text = " ".join(prose("04_linear_regression").split())
    first_epoch = float(re.search(r"epoch 1: loss ([\d.]+)", text).group(1))
    mean_square = float(np.mean(y_train ** 2))
    assert f"{mean_square:,.0f} over the whole training set" in text
    assert f"The first epoch's loss, {first_epoch:,.0f}," in text
    assert f"so it is {100 * (1 - first_epoch / mean_square):.0f}% lower than {mean_square:,.0f}" in text
