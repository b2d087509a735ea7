"""The instructor's grading report: one page per assignment, and a class page over all of them.

An assignment's page answers what an instructor asks after a deadline: how many were graded, could not be
graded or are missing (and who, and why); how the scores spread; which test cells most students fail; which
mistakes from the course's catalogue (nncourse.mistakes) the failing checks named, exercise by exercise. Each
picture has a table beside it with the same numbers, for a screen reader, for a copy into a spreadsheet, and for
the tests. The class page has a row per assignment and a row per student.

The pages are plain HTML with their style inside and their pictures next to them, linked by relative paths, so
that the folder can be zipped, mailed or opened from disk. Every text that comes from outside (student ids,
notes, labels) is escaped: a student id is whatever the LMS or the student typed.
"""
import math
import statistics
from bisect import bisect_right
from collections import Counter
from html import escape
from pathlib import Path
from urllib.parse import quote

from nncourse.mistakes import Mistake

from . import report_plots as plots
from .outcomes import GRADED, HELD, MISSING, STATES, UNGRADABLE
from .report_html import Html, badge, number, page, percent, section, table

PICTURES = ("scores.png", "pass-rates.png", "mistakes.png")
TOP_MISTAKES = 3  # per exercise in the picture; the table lists them all
NO_SCORE = "—"


def write_assignment_report(assignment, exercises, labels, points, outcomes, folder, *, class_page=None) -> Path:
    """Write ``folder``/index.html and its pictures for one assignment; return the page's path. ``class_page``,
    a path relative to ``folder`` (such as "../index.html"), adds a link back to the class page."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in PICTURES:  # a picture of an earlier report that this one has no numbers for
        (folder / stale).unlink(missing_ok=True)
    total = sum(points.values())
    graded = sorted((o for o in outcomes if o.state == GRADED), key=lambda o: o.student)
    body = [_headline(outcomes, graded, total), _students(outcomes, total),
            _scores(graded, total, folder), _tests(exercises, labels, points, graded, folder),
            _mistakes(exercises, graded, folder)]
    back = f'<a href="{escape(quote(class_page))}">All assignments</a>' if class_page else ""
    return _write(folder / "index.html", page(f"{assignment}: grading report", assignment, body, back))


def write_class_report(assignments, folder) -> Path:
    """Write ``folder``/index.html: a row per assignment, linking to its page, and a row per student."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for assignment, (total, outcomes) in assignments.items():
        counts = state_counts(outcomes)
        scores = [o.score for o in outcomes if o.state == GRADED]
        mean = statistics.fmean(scores) if scores else None
        link = Html(f'<a href="{escape(quote(assignment))}/index.html">{escape(assignment)}</a>')
        rows.append([link, number(total), *counts.values(), _points_and_percent(mean, total)])
    body = [section("Assignments", table(
                "assignments", "Each assignment's students and the mean score of those graded",
                ["Assignment", "Points", *(state.capitalize() for state in STATES), "Mean score"], rows,
                numeric=range(1, 3 + len(STATES)))),
            section("Students", _class_students(assignments))]
    return _write(folder / "index.html", page("Grading report", "Grading report", body))


# The numbers


def state_counts(outcomes):
    """{state: students}, in the order of STATES."""
    return {state: sum(o.state == state for o in outcomes) for state in STATES}


def passed(outcome, test):
    """Whether the test cell earned its full points: None when the student has no score for it."""
    if test not in outcome.scores:
        return None
    score, max_score = outcome.scores[test]
    return score >= max_score


def pass_rates(exercises, graded):
    """{test: (students who passed it, students with a score for it)}."""
    return {test: (sum(passed(o, test) is True for o in graded), sum(passed(o, test) is not None for o in graded))
            for tests in exercises.values() for test in tests}


def mistake_counts(exercises, graded):
    """{exercise: [(Mistake name, students)]}, most common first: each student counts once per mistake in an
    exercise, however many of its failing tests named it. A test given its full points by hand no longer fails,
    and its mistakes no longer count."""
    found = {}
    for exercise, tests in exercises.items():
        counter = Counter()
        for o in graded:
            counter.update({name for test in tests if passed(o, test) is not True
                            for name in o.mistakes.get(test, [])})
        if counter:
            found[exercise] = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return found


def score_bins(scores, total):
    """[(low, high, students)]: bins of a whole number of points (one point each up to 10 points in all), then
    a bin of the same width for full marks, so that a full score never hides among the near misses."""
    width = max(1, math.ceil(total / 10))
    edges = [*range(0, math.ceil(total), width), total]
    counts = [0] * len(edges)
    for score in scores:
        counts[len(edges) - 1 if score >= total else max(0, bisect_right(edges, score) - 1)] += 1
    return [(low, high, count) for low, high, count in zip(edges, [*edges[1:], total + width], counts)]


def diagnosis(name):
    """The Mistake's diagnosis; a name that the catalogue no longer has is said to be so, not an error."""
    return Mistake[name].diagnosis if name in Mistake.__members__ else "(no longer in the course's catalogue)"


def short_diagnosis(name, length=44):
    """The start of the diagnosis, without the "It looks like" that most of them begin with."""
    words = diagnosis(name).removeprefix("It looks like ")
    words = words[:1].upper() + words[1:]
    return words if len(words) <= length else words[:length].rsplit(" ", 1)[0] + "…"


# The assignment page's sections


def _headline(outcomes, graded, total):
    scores = [o.score for o in graded]
    mean, median = (statistics.fmean(scores), statistics.median(scores)) if scores else (None, None)
    counts = state_counts(outcomes)
    cells = [*counts.values(), _points_and_percent(mean, total), _points_and_percent(median, total)]
    count = sum(o.enrolled for o in outcomes)
    enrolled = f"{count} student{'' if count == 1 else 's'} enrolled" + (
        f" and {len(outcomes) - count} not enrolled" if count < len(outcomes) else "")
    return Html(f'<p class="lead">{enrolled}; the assignment is worth {number(total)} points.</p>' + table(
                    "summary", "Students by state, and the graded students' scores",
                    [*(state.capitalize() for state in STATES), "Mean score", "Median score"], [cells],
                    numeric=range(len(STATES) + 2), css="summary", row_headers=False))


def _students(outcomes, total):
    """The students who need the instructor: those held for review, those who could not be graded, the missing,
    and notes."""
    by_id = sorted(outcomes, key=lambda o: o.student)
    held = [[o.student, _points_and_percent(o.score, total) if o.scores else "none: nbgrader could not grade it",
             o.note] for o in by_id if o.state == HELD]
    ungradable = [[o.student, o.note or "(no reason recorded)"] for o in by_id if o.state == UNGRADABLE]
    missing = [[o.student] for o in by_id if o.state == MISSING]
    noted = [[o.student, _points_and_percent(o.score, total), o.note] for o in by_id
             if o.state == GRADED and o.note]
    strangers = [[o.student, o.state] for o in by_id if not o.enrolled]
    parts = [table("held", f"Held for review: grade these in the formgrader ({len(held)})",
                   ["Student", "Automatic score (not counted)", "Why"], held,
                   empty="No submission was held for review."),
             table("ungradable", f"Could not be graded ({len(ungradable)})", ["Student", "Reason"], ungradable,
                   empty="Every submission could be graded."),
             table("missing", f"Missing: enrolled, nothing submitted ({len(missing)})", ["Student"], missing,
                   empty="Every enrolled student submitted.", css="compact"),
             table("noted", f"Graded, with a note ({len(noted)})", ["Student", "Score", "Note"], noted,
                   empty="No graded submission has a note."),
             table("not-enrolled", f"Not enrolled: submitted, and not on the roster ({len(strangers)})",
                   ["Student", "State"], strangers, empty="Every student who submitted is enrolled.", css="compact")]
    return section("Students to look at", Html("".join(parts)))


def _scores(graded, total, folder):
    if not graded:
        return section("Scores", Html("<p>No student was graded, so there are no scores to show.</p>"))
    scores = [o.score for o in graded]
    bins = score_bins(scores, total)
    size = plots.scores(bins, total, statistics.fmean(scores), statistics.median(scores), folder / "scores.png")
    rows = [[f"{number(total)} (full marks)" if low >= total else f"{number(low)} to under {number(high)}",
             count] for low, high, count in bins]
    return section("Scores", _beside(
        "scores.png", size, "Histogram of the graded students' scores, with their mean and median",
        table("distribution", "Graded students by score (points)", ["Score", "Students"], rows, numeric=[1])))


def _tests(exercises, labels, points, graded, folder):
    rates = pass_rates(exercises, graded)
    groups, rows = [], []
    for exercise, tests in exercises.items():
        rows.append(Html(f'<th colspan="6" scope="rowgroup">{escape(exercise)}</th>'))
        bars = []
        for test in tests:
            won, scored = rates[test]
            rate = won / scored * 100 if scored else None
            bars.append((_short(test, exercise), rate,
                         f"{won}/{scored}" if scored else "no scores"))
            rows.append([Html(f'<code title="{escape(test)}">{escape(_short(test, exercise))}</code>'),
                         labels.get(test, ""), number(points.get(test, 0)), won, scored,
                         f"{rate:.0f}%" if rate is not None else NO_SCORE])
        groups.append((exercise, bars))
    tables = table("pass-rates", "Students who earned each test cell's full points, of those with a score for it "
                   "(a test cell is named without its test_<exercise>_ prefix)",
                   ["Test cell", "What it checks", "Points", "Passed", "Scored", "Pass rate"],
                   rows, numeric=range(2, 6))
    if not graded:
        return section("Test cells", Html("<p>No student was graded, so no test cell has a pass rate.</p>" + tables))
    size = plots.pass_rates(groups, folder / "pass-rates.png")
    return section("Test cells", _beside("pass-rates.png", size, "Pass rate of each test cell, by exercise", tables))


def _mistakes(exercises, graded, folder):
    counts = mistake_counts(exercises, graded)
    if not counts:
        return section("Mistakes", Html("<p>No failing check named a mistake from the course's catalogue.</p>"))
    groups = [(exercise, [(name, short_diagnosis(name), students) for name, students in found[:TOP_MISTAKES]])
              for exercise, found in counts.items()]
    size = plots.labelled_bars(groups, folder / "mistakes.png", xlabel="students")
    rows = []
    for exercise, found in counts.items():
        rows.append(Html(f'<th colspan="3" scope="rowgroup">{escape(exercise)}</th>'))
        rows += [[Html(f"<code>{escape(name)}</code>"), diagnosis(name), students] for name, students in found]
    return section("Mistakes", _beside(
        "mistakes.png", size, f"The {TOP_MISTAKES} commonest named mistakes of each exercise (the table has them all)",
        table("mistakes", "Students whose failing tests in an exercise named each mistake",
              ["Mistake", "Diagnosis", "Students"], rows, numeric=[2])))


def _class_students(assignments):
    students = sorted({o.student for _, outcomes in assignments.values() for o in outcomes})
    found = {(assignment, o.student): o for assignment, (_, outcomes) in assignments.items() for o in outcomes}
    strangers = {o.student for _, outcomes in assignments.values() for o in outcomes if not o.enrolled}
    rows = [[f"{student} (not enrolled)" if student in strangers else student,
             *(_class_cell(found.get((assignment, student)), total) for assignment, (total, _) in assignments.items())]
            for student in students]
    headers = ["Student", *(f"{assignment} (of {number(total)})" for assignment, (total, _) in assignments.items())]
    return table("students", "Each student's score, or why there is none (* the grader left a note: point at "
                 "the score to read it; point at a \"could not be graded\" to read why)", headers, rows,
                 numeric=range(1, len(headers)), empty="No student is enrolled.")


def _class_cell(outcome, total):
    if outcome is None:
        return Html(badge("not enrolled", "absent", "not enrolled, and sent nothing of this assignment"))
    if outcome.state != GRADED:
        kind = {UNGRADABLE: "ungradable", HELD: "held"}.get(outcome.state, "missing")
        return Html(badge(outcome.state, kind, outcome.note))
    return _points_and_percent(outcome.score, total, title=outcome.note)


# Helpers


def _points_and_percent(score, total, title=""):
    if score is None:
        return NO_SCORE
    tip = f' title="{escape(title)}"' if title else ""
    mark = '<span class="noted">*</span>' if title else ""
    return Html(f"<span{tip}>{number(score)}{mark} <small>({percent(score, total)})</small></span>")


def _short(test, exercise):
    """A test cell's name under its exercise's heading: without the "test_<exercise>_" they nearly all start with."""
    return test.removeprefix(f"test_{exercise}_")


def _beside(picture, size, alt, tables):
    width, height = plots.size(size)
    return Html(f'<div class="beside"><figure><img src="{picture}" width="{width}" height="{height}" '
                f'alt="{escape(alt)}; the table beside it gives the numbers.">'
                f"<figcaption>{escape(alt)}.</figcaption></figure>"
                f'<div class="numbers">{tables}</div></div>')


def _write(path, html):
    path.write_text(html, encoding="utf-8")
    return path
