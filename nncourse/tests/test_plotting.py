import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nncourse.plotting import draw_descent_path, draw_digits, draw_graph, draw_layer  # noqa: E402


def test_draws_one_line_per_weight_with_its_label():
    weights = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0]])
    ax = draw_layer(weights, ["toes", "%win", "#fans"], ["hurt?", "win?"])
    assert len(ax.lines) == weights.size
    labels = {text.get_text() for text in ax.texts}
    assert {"toes", "hurt?", "-0.3", "0"} <= labels
    plt.close("all")


def test_names_must_match_the_weights_shape():
    with pytest.raises(ValueError, match="need 3 input names and 2 output names"):
        draw_layer(np.ones((2, 3)), ["a", "b"], ["x", "y"])


def test_every_weight_label_sits_in_a_white_box_clear_of_the_other_lines():
    weights = np.array([[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]])
    ax = draw_layer(weights, ["toes", "%win", "#fans"], ["hurt?", "win?", "sad?"])
    labels = [text for text in ax.texts if text.get_text() not in {"toes", "%win", "#fans", "hurt?", "win?", "sad?"}]
    assert len(labels) == weights.size
    for label in labels:
        box = label.get_bbox_patch()
        assert box is not None and box.get_facecolor()[:3] == (1.0, 1.0, 1.0)
        x, y = label.get_position()
        # Where the label stands, its own line passes through its centre and every other line is well away.
        distances = sorted(abs(np.interp(x, *line.get_data()) - y) for line in ax.lines)
        assert distances[0] < 1e-9 and distances[1] > 0.1, f"label {label.get_text()} is crowded by a line"
    plt.close("all")


KARPATHY_NODES = {"a": dict(pos=(0, 2), value=2.0, grad=6.0), "b": dict(pos=(0, 1), value=-3.0, grad=-4.0),
                  "e": dict(pos=(2, 1.5), value=-6.0, grad=-2.0), "c": dict(pos=(2, 0.2), value=10.0, grad=None),
                  "d": dict(pos=(4, 0.9), value=4.0, grad=-2.0), "f": dict(pos=(4, -0.4), value=-2.0, grad=4.0),
                  "L": dict(pos=(6, 0.3), value=-8.0, grad=1.0)}
KARPATHY_OPS = {"e": ("*", ["a", "b"]), "d": ("+", ["e", "c"]), "L": ("*", ["d", "f"])}


def test_a_graph_shows_each_value_and_gradient_in_a_white_box_above_the_arrows():
    ax = draw_graph(KARPATHY_NODES, KARPATHY_OPS)
    texts = {text.get_text().split("\n")[0]: text for text in ax.texts}
    assert texts["L"].get_text() == "L\nvalue -8.0000\ngrad 1.0000"
    assert texts["c"].get_text() == "c\nvalue 10.0000"  # no gradient yet: no gradient line
    assert {"*", "+"} <= set(texts)
    arrows = [child for child in ax.texts if not child.get_text()]  # annotations without text are the arrows
    assert len(arrows) == 2 + 2 + 2 + 3  # two inputs per operation, and one arrow from each operation
    for name in KARPATHY_NODES:
        box = texts[name].get_bbox_patch()
        assert box.get_facecolor()[:3] == (1.0, 1.0, 1.0) and texts[name].get_zorder() > arrows[0].get_zorder()
    ax.figure.canvas.draw()  # the arrows attach to the boxes' edges, which exist only once drawn
    plt.close("all")


def test_a_graph_refuses_an_operation_on_a_missing_node():
    with pytest.raises(ValueError, match=r"not in nodes: \['z'\]"):
        draw_graph(KARPATHY_NODES, {"L": ("*", ["d", "z"])})


def test_a_descent_path_has_one_arrow_per_step_on_a_curve_that_spans_it():
    xs = np.array([10.0, -8.0, 6.4])
    ax = draw_descent_path(lambda x: x ** 2, xs, title="x squared")
    arrows = [child for child in ax.texts if getattr(child, "arrow_patch", None) is not None]
    assert len(arrows) == len(xs) - 1
    curve = ax.lines[0].get_xdata()
    assert curve.min() < -10 and curve.max() > 10
    assert ax.get_title() == "x squared" and ax.get_xlabel() == "x"
    plt.close("all")


def test_digits_are_drawn_in_a_row_with_wrong_ones_titled_in_red():
    images = np.linspace(0, 1, 3 * 64).reshape(3, 64)
    fig = draw_digits(images, ["true 1", "true 2", "true 3"], title="three", wrong=[False, True, False])
    axes = fig.axes
    assert [ax.get_title() for ax in axes] == ["true 1", "true 2", "true 3"]
    assert [ax.images[0].get_array().shape for ax in axes] == [(8, 8)] * 3
    assert axes[1].title.get_color() == "tab:red" and axes[0].title.get_color() == "black"
    plt.close("all")


def test_a_contour_path_spans_the_path_and_the_minimum_and_marks_both():
    from nncourse.plotting import draw_contour_path

    path = np.array([[0.0, 0.0], [3.0, 0.5], [2.5, 3.0]])
    ax = draw_contour_path(lambda m, b: (m - 2) ** 2 + 10 * (b - 4) ** 2, path, best=(2.0, 4.0), title="bowl",
                           names=("m", "b"), legend_loc="upper left")
    (left, right), (bottom, top) = ax.get_xlim(), ax.get_ylim()
    assert left < 0 < 3 < right and bottom < 0 < 4 < top
    assert np.allclose(ax.lines[0].get_xydata(), path)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["start", "after 2 steps", "minimum"]
    assert ax.get_title() == "bowl" and (ax.get_xlabel(), ax.get_ylabel()) == ("m", "b")
    plt.close("all")
