"""Pictures the notebooks draw. matplotlib is imported when a picture is asked for, not on import."""
import numpy as np

__all__ = ["draw_layer"]


def draw_layer(weights, input_names, output_names, ax=None):
    """Draw one fully connected layer: inputs on the left, outputs on the right, one line per weight.

    weights: array of shape (n_outputs, n_inputs), one row of weights per output (the course's convention for
    ``vect_mat_mul``). A line's width grows with |weight|; blue is positive, red negative, dotted is zero.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    weights = np.asarray(weights, dtype=float)
    n_out, n_in = weights.shape
    if (len(output_names), len(input_names)) != (n_out, n_in):
        raise ValueError(f"weights of shape {weights.shape} need {n_in} input names and {n_out} output names")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.9 * max(n_in, n_out) + 0.6))
    y_in = np.linspace(1, 0, n_in) if n_in > 1 else np.array([0.5])
    y_out = np.linspace(1, 0, n_out) if n_out > 1 else np.array([0.5])
    largest = np.max(np.abs(weights)) or 1.0
    for j, yo in enumerate(y_out):
        for i, yi in enumerate(y_in):
            w = weights[j, i]
            style = dict(color="tab:blue" if w > 0 else "tab:red", linewidth=0.5 + 4 * abs(w) / largest)
            if w == 0:
                style = dict(color="grey", linewidth=0.8, linestyle=":")
            ax.plot([0, 1], [yi, yo], zorder=1, **style)
            # Label each line near its output, where the lines into one output fan apart.
            ax.text(0.8, yi + (yo - yi) * 0.8, f"{w:g}", fontsize=8, ha="center", va="bottom",
                    color=style["color"])
    ax.scatter(np.zeros(n_in), y_in, s=900, color="white", edgecolor="black", zorder=2)
    ax.scatter(np.ones(n_out), y_out, s=900, color="white", edgecolor="black", zorder=2)
    for name, y in zip(input_names, y_in):
        ax.text(-0.16, y, name, ha="right", va="center")
    for name, y in zip(output_names, y_out):
        ax.text(1.16, y, name, ha="left", va="center")
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(-0.2, 1.2)
    ax.axis("off")
    return ax
