"""The grading report's pictures, as PNG files: the score distribution, the pass rate of each test cell and the
most common mistakes of each exercise.

The figures are drawn with matplotlib's Figure and the Agg canvas directly, never through pyplot: the report is
written from the instructor's pipeline (and from a notebook, perhaps), whose backend and open figures are not the
report's to change. The functions take plain numbers; what they mean is worked out in report.py.
"""
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

DPI = 150  # the page shows each picture at 100 pixels per inch: sharp on a high-density screen
WIDTH = 5.6  # inches: the picture beside a table on a laptop screen
ROW = 0.24  # inches per bar of a horizontal bar chart
BAR, BAR_LIGHT, FULL, MISTAKE, LINE = "#4c72b0", "#8fb0dd", "#2e7d32", "#c9732a", "#333333"
# Every text is taken as typed: a `$` in a label is not the start of a formula.
STYLE = {"text.parse_math": False, "font.size": 9, "axes.spines.top": False, "axes.spines.right": False}


def size(figure):
    """The (width, height) in pixels at which the page shows the picture."""
    width, height = figure
    return round(width * 100), round(height * 100)


def scores(bins, total, mean, median, path):
    """A histogram of the graded students' scores. ``bins`` is [(low, high, students)]; the last bin, whose low
    is ``total``, holds the students with full marks and is drawn in another colour."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 3.2), layout="constrained")
        ax = fig.add_subplot()
        for low, high, count in bins:
            ax.bar(low, count, width=high - low, align="edge", edgecolor="white",
                   color=FULL if low >= total else BAR)
        ax.axvline(mean, color=LINE, linestyle="--", linewidth=1.2, label=f"mean {mean:.3g}")
        ax.axvline(median, color=LINE, linestyle=":", linewidth=1.5, label=f"median {median:.3g}")
        ax.set_xlim(0, bins[-1][1])
        ax.set_xlabel(f"score (points out of {total:g}; full marks in green)")
        ax.set_ylabel("students")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if total:  # an assignment worth no points (no test cell yet) has no percentages
            percent = ax.secondary_xaxis("top", functions=(lambda x: x / total * 100, lambda p: p * total / 100))
            percent.set_xticks(range(0, 101, 20))  # not past 100%: the full-marks bar reaches beyond the total
            percent.xaxis.set_major_formatter(PercentFormatter())
        ax.legend(frameon=False, loc="upper left")
        return _save(fig, path)


def pass_rates(groups, path):
    """Horizontal bars of percentages, in groups, each group under its name in bold: ``groups`` is [(name,
    [(label, percent, note)])], top to bottom. A bar whose percent is None is left out, and its note says why.
    Every other group is a lighter blue, so that a group's end shows even in a long chart."""
    ticks = []  # (y, label, is a group's name)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, 0.7 + ROW * sum(1 + len(bars) for _, bars in groups)), layout="constrained")
        ax = fig.add_subplot()
        for index, (name, bars) in enumerate(groups):
            ticks.append((len(ticks), name, True))
            for label, value, note in bars:
                y = len(ticks)
                ticks.append((y, label, False))
                if value is not None:
                    ax.barh(y, value, height=0.7, color=BAR if index % 2 == 0 else BAR_LIGHT)
                ax.annotate(note, (value or 0, y), xytext=(3, 0), textcoords="offset points", va="center",
                            fontsize=8, color=LINE)
        ax.set_yticks([y for y, _, _ in ticks], [label for _, label, _ in ticks])
        for tick, (_, _, heading) in zip(ax.get_yticklabels(), ticks):
            tick.set_fontweight("bold" if heading else "normal")
        ax.tick_params(axis="y", length=0)
        ax.set_ylim(len(ticks) - 0.5, -0.5)  # the first group at the top
        ax.set_xlim(0, 115)  # room for the note after a full bar
        ax.set_xticks(range(0, 101, 25))
        ax.xaxis.set_major_formatter(PercentFormatter())
        ax.set_xlabel("students who earned the full points")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _save(fig, path)


def labelled_bars(groups, path, *, xlabel, color=MISTAKE):
    """Horizontal bars in groups, for labels too long to stand beside a bar: each bar's label is written above
    it, across the whole width. ``groups`` is [(name, [(name, words, value)])]: a label is a name in bold
    followed by a few words."""
    with matplotlib.rc_context(STYLE):
        rows = sum(1 + 1.6 * len(bars) for _, bars in groups)
        fig = Figure(figsize=(WIDTH, 0.6 + ROW * rows), layout="constrained")
        ax = fig.add_subplot()
        top = max((value for _, bars in groups for _, _, value in bars), default=1)
        y = 0
        for name, bars in groups:
            ax.text(0, y, name, fontweight="bold", va="center")
            for label, words, value in bars:
                y += 1.6
                title = ax.text(0, y - 0.55, label, fontsize=8, fontfamily="monospace", va="bottom")
                ax.annotate(words, (1, 0), xycoords=title, xytext=(5, 0), textcoords="offset points",
                            va="bottom", fontsize=8, color=LINE)
                ax.barh(y, value, height=0.55, color=color)
                ax.annotate(str(value), (value, y), xytext=(3, 0), textcoords="offset points", va="center",
                            fontsize=8, color=LINE)
            y += 1.2
        ax.set_ylim(y - 0.6, -0.7)
        ax.set_xlim(0, top * 1.1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(xlabel)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _save(fig, path)


def _save(fig, path):
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=DPI, metadata={"Software": None})  # no version stamp: the same numbers, the same file
    return fig.get_size_inches()
