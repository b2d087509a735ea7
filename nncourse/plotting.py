"""Pictures the notebooks draw. matplotlib is imported when a picture is asked for, not on import."""
import numpy as np

__all__ = ["draw_layer", "draw_graph", "draw_descent_path", "draw_digits", "draw_contour_path"]

LAZY_IMPORTS = {name: ["matplotlib.pyplot"] for name in __all__}


def draw_layer(weights, input_names, output_names, ax=None):
    """Draw one fully connected layer: inputs on the left, outputs on the right, one line per weight.

    weights: array of shape (n_outputs, n_inputs), one row of weights per output (the course's convention for
    ``vect_mat_mul``). A line's width grows with |weight|; blue is positive, red negative, dotted is zero.
    Each line carries its weight in a white box, so that no other line runs through the number.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    weights = np.asarray(weights, dtype=float)
    n_out, n_in = weights.shape
    if (len(output_names), len(input_names)) != (n_out, n_in):
        raise ValueError(f"weights of shape {weights.shape} need {n_in} input names and {n_out} output names")
    if ax is None:
        # Tall enough for the nodes and for one label per line, stacked in a column.
        height = max(0.9 * max(n_in, n_out), 0.3 * n_in * n_out) + 0.6
        _, ax = plt.subplots(figsize=(6, height))
    y_in = np.linspace(1, 0, n_in) if n_in > 1 else np.array([0.5])
    y_out = np.linspace(1, 0, n_out) if n_out > 1 else np.array([0.5])
    t = _label_position(n_in, n_out)
    largest = np.max(np.abs(weights)) or 1.0
    for j, yo in enumerate(y_out):
        for i, yi in enumerate(y_in):
            w = weights[j, i]
            style = dict(color="tab:blue" if w > 0 else "tab:red", linewidth=0.5 + 4 * abs(w) / largest)
            if w == 0:
                style = dict(color="grey", linewidth=0.8, linestyle=":")
            ax.plot([0, 1], [yi, yo], zorder=1, **style)
            # On the line itself, at the x where all the lines are evenly spaced: the white box hides the lines
            # under the number (its own included), so nothing crosses it.
            ax.text(t, yi + (yo - yi) * t, f"{w:g}", fontsize=10, ha="center", va="center", color=style["color"],
                    zorder=3, bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"))
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


def _label_position(n_in, n_out):
    """The fraction t of the way from inputs to outputs where the n_in * n_out lines are most evenly spaced.

    At t, the lines into one output are (1 - t) * gap_in apart, and two neighbouring outputs' bundles are
    t * gap_out - (1 - t) apart; t = (1 + gap_in) / (1 + gap_in + gap_out) makes both equal. It is kept
    between 0.3 and 0.8, clear of the nodes' circles.
    """
    if n_in == 1:
        return 0.8  # the lines fan out from one input: furthest apart near the outputs
    if n_out == 1:
        return 0.3  # the lines fan into one output: furthest apart near the inputs
    gap_in, gap_out = 1 / (n_in - 1), 1 / (n_out - 1)
    return float(np.clip((1 + gap_in) / (1 + gap_in + gap_out), 0.3, 0.8))


def draw_graph(nodes, ops, ax=None, title=None):
    """Draw a computational graph as micrograd does: a box per value, with its name, value and gradient, and a
    circle per operation between its inputs and its output.

    nodes: {name: {"pos": (x, y), "value": number, "grad": number or None}}; the gradient line is left out when
        grad is None (before the backward pass).
    ops: {output name: (symbol, [input names])}, for example {"e": ("*", ["a", "b"])}. The circle of an
        operation stands one unit to the left of its output.
    Boxes are white and drawn above the arrows, so that no arrow runs through a number.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    unknown = {name for _, inputs in ops.values() for name in inputs} | set(ops)
    unknown -= set(nodes)
    if unknown:
        raise ValueError(f"operations name nodes that are not in nodes: {sorted(unknown)}")
    xs = [node["pos"][0] for node in nodes.values()]
    ys = [node["pos"][1] for node in nodes.values()]
    if ax is None:
        # at most 8.5 inches wide, so that a notebook at 1280x800 shows it at full size and its text at 9 points
        width = min(1.6 * (max(xs) - min(xs)) + 2.5, 8.5)
        _, ax = plt.subplots(figsize=(width, 1.1 * (max(ys) - min(ys)) + 1.6))
    boxes = {}
    for name, node in nodes.items():
        lines = [f"{name}", f"value {node['value']:.4f}"]
        if node.get("grad") is not None:
            lines.append(f"grad {node['grad']:.4f}")
        boxes[name] = ax.text(*node["pos"], "\n".join(lines), ha="center", va="center", fontsize=9, zorder=3,
                              family="monospace",
                              bbox=dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor="black"))
    arrow = dict(arrowstyle="-|>", color="dimgrey", linewidth=1.2, shrinkA=2, shrinkB=2)
    for output, (symbol, inputs) in ops.items():
        x, y = nodes[output]["pos"]
        circle = ax.text(x - 1, y, symbol, ha="center", va="center", fontsize=11, zorder=3,
                         bbox=dict(boxstyle="circle,pad=0.15", facecolor="#e8f0fa", edgecolor="tab:blue"))
        for source in inputs:
            ax.annotate("", xy=(0, 0.5), xycoords=circle, xytext=(1, 0.5), textcoords=boxes[source],
                        arrowprops=arrow, zorder=1)
        ax.annotate("", xy=(0, 0.5), xycoords=boxes[output], xytext=(1, 0.5), textcoords=circle,
                    arrowprops=arrow, zorder=1)
    ax.set_xlim(min(xs) - 0.7, max(xs) + 0.7)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def draw_descent_path(f, xs, ax=None, title=None, color="tab:red"):
    """Draw the curve of ``f`` and, on it, the points a descent visited, joined by arrows in the order visited.

    f: a function of one number (applied to an array of x values, so it must work element-wise).
    xs: array of shape (steps + 1,), the x of the start and of each step.
    The curve spans every visited x with a margin; the start is a hollow circle, the last point a filled one.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    xs = np.asarray(xs, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    reach = max(np.max(np.abs(xs)), 1e-3) * 1.15
    grid = np.linspace(-reach, reach, 400)
    ax.plot(grid, f(grid), color="grey", linewidth=1.5, zorder=1)
    ys = f(xs)
    for (x0, y0), (x1, y1) in zip(zip(xs[:-1], ys[:-1]), zip(xs[1:], ys[1:])):
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=2,
                    arrowprops=dict(arrowstyle="->", color=color, linewidth=1, shrinkA=3, shrinkB=3))
    ax.scatter(xs[1:], ys[1:], s=14, color=color, zorder=3)
    ax.scatter(xs[:1], ys[:1], s=60, facecolor="white", edgecolor=color, linewidth=1.5, zorder=4, label="start")
    ax.scatter(xs[-1:], ys[-1:], s=60, color=color, edgecolor="black", zorder=4, label=f"after {len(xs) - 1} steps")
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.legend(loc="upper center", fontsize=9)
    if title:
        ax.set_title(title)
    return ax


def draw_digits(images, titles, title=None, wrong=None):
    """Draw 8x8 digit images in a row, each under its title: the pictures of which digits a model gets wrong.

    images: array of shape (k, 64), pixels in [0, 1] (scikit-learn's digits as nncourse.data loads them).
    titles: k strings; wrong: k booleans, whose titles are drawn in red. Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    images = np.asarray(images, dtype=float).reshape(-1, 8, 8)
    wrong = np.zeros(len(images), dtype=bool) if wrong is None else np.asarray(wrong, dtype=bool)
    fig, axes = plt.subplots(1, len(images), figsize=(min(1.5 * len(images), 8.5), 2.4), squeeze=False)
    for ax, image, label, is_wrong in zip(axes[0], images, titles, wrong):
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(label, fontsize=10, color="tab:red" if is_wrong else "black")
        ax.axis("off")
    if title:
        fig.suptitle(title, y=1.08)
    return fig


def draw_contour_path(f, path, ax=None, title=None, names=("m", "b"), best=None, margin=0.15, levels=14,
                      color="tab:red", legend_loc="best"):
    """Draw the contours of a loss of two parameters, seen from above, and the path a descent took across them.

    f: a function of two arrays of one shape (the grid's first and second parameter), element-wise, returning
        the loss at each point.
    path: array of shape (steps + 1, 2), the parameters at the start and after each step.
    best: the minimum (p1, p2), marked with a star, or None. The view spans the path and the star with a margin
        (a fraction of their extent); the contour lines are spaced evenly on a log scale of the loss above its
        smallest value on the grid, so that the narrow floor of a valley shows as well as its steep walls.
    The start is a hollow circle and the last point a filled one, as in ``draw_descent_path``; ``legend_loc`` places
    the legend (matplotlib's ``loc``) where it covers neither the path nor the star.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    path = np.asarray(path, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    points = path if best is None else np.vstack([path, np.asarray(best, dtype=float)[None, :]])
    low, high = points.min(axis=0), points.max(axis=0)
    pad = margin * np.maximum(high - low, 1e-3)
    p1, p2 = np.meshgrid(np.linspace(low[0] - pad[0], high[0] + pad[0], 200),
                         np.linspace(low[1] - pad[1], high[1] + pad[1], 200))
    loss = f(p1, p2)
    floor = loss.min()
    above = loss - floor
    top = max(above.max(), 1e-12)
    bottom = max(np.percentile(above, 0.5), top * 1e-6)
    ax.contour(p1, p2, above, levels=np.geomspace(bottom, top, levels), colors="grey", linewidths=0.8)
    ax.plot(path[:, 0], path[:, 1], color=color, linewidth=1.2, zorder=2)
    ax.scatter(path[1:-1, 0], path[1:-1, 1], s=6, color=color, zorder=3)
    ax.scatter(path[:1, 0], path[:1, 1], s=60, facecolor="white", edgecolor=color, linewidth=1.5, zorder=4,
               label="start")
    ax.scatter(path[-1:, 0], path[-1:, 1], s=60, color=color, edgecolor="black", zorder=4,
               label=f"after {len(path) - 1} steps")
    if best is not None:
        ax.scatter([best[0]], [best[1]], marker="*", s=160, color="gold", edgecolor="black", zorder=5,
                   label="minimum")
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.legend(loc=legend_loc, fontsize=9)
    if title:
        ax.set_title(title)
    return ax
