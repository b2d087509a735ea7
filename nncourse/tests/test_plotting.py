import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nncourse.plotting import draw_layer  # noqa: E402


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
