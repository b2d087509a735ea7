"""The instructor's grading report, from outcomes made here (no nbgrader run): the numbers in its tables, the
students it must name, its pictures, its escaping, its edge cases and the class page."""
import os
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from autograder.pipeline.outcomes import GRADED, MISSING, UNGRADABLE, Outcome
from autograder.pipeline.report import score_bins, write_assignment_report, write_class_report

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SCRIPT_ID = "<script>alert('x')</script>"
EXERCISES = {"dot": ["test_dot_small", "test_dot_general"], "norm": ["test_norm_by_hand"],
             "unused": ["test_unused_anything"]}
LABELS = {"test_dot_small": "two vectors of 3", "test_dot_general": "random sizes (hidden tests)",
          "test_norm_by_hand": "the norm of [3, 4] is 5", "test_unused_anything": "a test cell added late"}
POINTS = {"test_dot_small": 1, "test_dot_general": 2, "test_norm_by_hand": 2, "test_unused_anything": 1}


def graded(student, note="", **tests):
    """A graded outcome: tests={test: (score, [mistakes])}, each test's max score from POINTS."""
    return Outcome(student, GRADED, note, scores={t: [s, POINTS[t]] for t, (s, _) in tests.items()},
                   mistakes={t: m for t, (_, m) in tests.items() if m})


def cohort():
    """Three graded (5, 2 and 2 of 6 points, one of them with partial credit for a test), two who could not be
    graded, one missing. Nobody has a score for test_unused_anything: a test cell that no one attempted."""
    return [
        graded("ada", test_dot_small=(1, []), test_dot_general=(2, []), test_norm_by_hand=(2, [])),
        graded("bob", note="cell demo_plot stopped after 60 s",
               test_dot_small=(0, ["ELEMENTWISE_PRODUCT"]),
               test_dot_general=(0, ["ELEMENTWISE_PRODUCT", "TRANSPOSED"]), test_norm_by_hand=(2, [])),
        graded("cy", test_dot_small=(1, []), test_dot_general=(1, ["TRANSPOSED"]),
               test_norm_by_hand=(0, ["RETURNED_NOTHING"])),
        Outcome("dee", UNGRADABLE, "timed out in cell test_dot_general"),
        Outcome(SCRIPT_ID, UNGRADABLE, "not a notebook: <b>dot.ipynb</b> is a PDF"),
        Outcome("eve", MISSING),
    ]


class Page(HTMLParser):
    """What a page shows: {table id: [[cell texts] per row, the header row first]}, images and links."""

    def __init__(self, path):
        super().__init__()
        self.tables, self.images, self.links, self.empty = {}, [], [], {}
        self._rows = self._cells = self._empty = None
        self.html = path.read_text(encoding="utf-8")
        self.feed(self.html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._rows = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cells = []
        elif tag == "p" and "empty" in attrs.get("class", ""):
            self._empty = self.empty.setdefault(attrs["id"], [])
        elif tag == "img":
            self.images.append(attrs["src"])
        elif tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cells is not None:
            self._rows[-1].append(" ".join("".join(self._cells).split()))
            self._cells = None
        elif tag == "table":
            self._rows = None
        elif tag == "p":
            self._empty = None

    def handle_data(self, data):
        for collected in (self._cells, self._empty):
            if collected is not None:
                collected.append(data)

    def rows(self, table):
        """The table's rows as {header: text}, without the rows that head a group."""
        header, *rows = self.tables[table]
        return [dict(zip(header, row)) for row in rows if len(row) == len(header)]

    def grouped(self, table):
        """{(group, the row's first cell): {header: text}} for a table whose groups have a heading row."""
        header, *rows = self.tables[table]
        found, group = {}, None
        for row in rows:
            if len(row) == 1:
                group = row[0]
            else:
                found[group, row[0]] = dict(zip(header, row))
        return found


@pytest.fixture
def report(tmp_path):
    def write(outcomes, exercises=EXERCISES, points=POINTS):
        return Page(write_assignment_report("01_dot", exercises, LABELS, points, outcomes, tmp_path / "01_dot"))
    return write


def test_the_headline_counts_each_state_and_gives_the_mean_and_median_of_the_graded(report):
    page = report(cohort())
    assert page.rows("summary") == [{"Graded": "3", "Held for review": "0", "Could not be graded": "2", "Missing": "1",
                                     "Mean score": "3 (50%)", "Median score": "2 (33%)"}]
    assert "6 students enrolled; the assignment is worth 6 points." in page.html


def test_the_score_distribution_counts_every_graded_student_in_the_bin_of_their_score(report):
    page = report(cohort())
    counts = {row["Score"]: int(row["Students"]) for row in page.rows("distribution")}
    assert counts == {"0 to under 1": 0, "1 to under 2": 0, "2 to under 3": 2, "3 to under 4": 0,
                      "4 to under 5": 0, "5 to under 6": 1, "6 (full marks)": 0}


def test_full_marks_have_a_bin_of_their_own_and_wide_totals_have_wider_bins():
    assert score_bins([6, 5.5, 0], 6)[-2:] == [(5, 6, 1), (6, 7, 1)]
    bins = score_bins([0, 17, 34.5, 35], 35)
    assert [high - low for low, high, _ in bins[:-2]] == [4] * 8 and bins[-2][:2] == (32, 35)
    assert [count for _, _, count in bins] == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1]


def test_each_test_cell_passes_when_it_earned_its_full_points_and_no_scores_is_no_rate(report):
    # cy's partial credit on test_dot_general is not a pass
    rates = report(cohort()).grouped("pass-rates")
    numbers = {key: (row["Points"], row["Passed"], row["Scored"], row["Pass rate"]) for key, row in rates.items()}
    assert numbers == {("dot", "small"): ("1", "2", "3", "67%"), ("dot", "general"): ("2", "1", "3", "33%"),
                       ("norm", "by_hand"): ("2", "2", "3", "67%"), ("unused", "anything"): ("1", "0", "0", "—")}
    assert rates["norm", "by_hand"]["What it checks"] == "the norm of [3, 4] is 5"


def test_a_mistake_counts_once_per_student_in_an_exercise_however_many_of_its_tests_name_it(report):
    mistakes = report(cohort()).grouped("mistakes")
    assert {key: row["Students"] for key, row in mistakes.items()} == {
        ("dot", "TRANSPOSED"): "2", ("dot", "ELEMENTWISE_PRODUCT"): "1", ("norm", "RETURNED_NOTHING"): "1"}
    assert mistakes["norm", "RETURNED_NOTHING"]["Diagnosis"] == "The function returned None"


def test_the_mistakes_of_a_test_given_its_full_points_by_hand_no_longer_count(report):
    regraded = graded("fay", test_dot_small=(1, ["ELEMENTWISE_PRODUCT"]), test_dot_general=(0, ["TRANSPOSED"]))
    assert set(report([regraded]).grouped("mistakes")) == {("dot", "TRANSPOSED")}


def test_every_student_who_could_not_be_graded_or_is_missing_or_has_a_note_is_named(report):
    page = report(cohort())
    assert page.rows("ungradable") == [
        {"Student": SCRIPT_ID, "Reason": "not a notebook: <b>dot.ipynb</b> is a PDF"},
        {"Student": "dee", "Reason": "timed out in cell test_dot_general"}]
    assert page.rows("missing") == [{"Student": "eve"}]
    assert page.rows("noted") == [{"Student": "bob", "Score": "2 (33%)", "Note": "cell demo_plot stopped after 60 s"}]


def test_the_pictures_are_png_files_beside_the_page(report, tmp_path):
    page = report(cohort())
    assert sorted(page.images) == ["mistakes.png", "pass-rates.png", "scores.png"]
    for image in page.images:
        data = (tmp_path / "01_dot" / image).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 1000


def test_text_from_students_is_escaped_and_the_page_needs_nothing_from_outside(report):
    html = report(cohort()).html
    assert SCRIPT_ID not in html and "<b>dot.ipynb</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script" not in html and "<link" not in html and "http" not in html and "url(" not in html


@pytest.mark.parametrize("outcomes", [[], [Outcome("eve", MISSING), Outcome("dee", UNGRADABLE, "no notebook")]],
                         ids=["nobody enrolled", "nobody graded"])
def test_a_page_with_nobody_graded_has_no_scores_and_no_pictures(report, tmp_path, outcomes):
    page = report(outcomes)
    assert page.rows("summary")[0]["Mean score"] == "—" and page.rows("summary")[0]["Median score"] == "—"
    assert page.images == [] and not list((tmp_path / "01_dot").glob("*.png"))
    assert "No student was graded" in page.html
    assert {row["Pass rate"] for row in page.rows("pass-rates")} == {"—"}


def test_one_student_without_a_named_mistake_is_a_page_of_its_own(report, tmp_path):
    page = report([graded("ada", test_dot_small=(1, []), test_dot_general=(1, []), test_norm_by_hand=(0, []))])
    assert page.rows("summary")[0]["Mean score"] == "2 (33%)" == page.rows("summary")[0]["Median score"]
    assert sorted(page.images) == ["pass-rates.png", "scores.png"]
    assert "No failing check named a mistake" in page.html and "mistakes" not in page.tables
    assert "ungradable" in page.empty and "missing" in page.empty and "noted" in page.empty


def test_an_assignment_without_test_cells_is_worth_no_points_and_still_has_a_page(report):
    page = report([graded("ada")], exercises={"dot": []}, points={})
    assert page.rows("summary")[0]["Mean score"] == "0 (—)" and page.rows("pass-rates") == []


def test_a_picture_that_the_new_report_has_no_numbers_for_is_removed(report, tmp_path):
    report(cohort())
    report([Outcome("eve", MISSING)])
    assert not list((tmp_path / "01_dot").glob("*.png"))


def test_the_report_leaves_matplotlib_backend_and_pyplot_alone(tmp_path):
    code = ("import sys, matplotlib\nfrom autograder.pipeline.report import write_assignment_report\n"
            "from autograder.tests.test_report import EXERCISES, LABELS, POINTS, cohort\n"
            "write_assignment_report('a', EXERCISES, LABELS, POINTS, cohort(), sys.argv[1])\n"
            "print(matplotlib.get_backend(), 'matplotlib.pyplot' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                            env={**os.environ, "MPLBACKEND": "svg"}, check=True)
    assert result.stdout.split() == ["svg", "False"]


def test_the_class_page_links_every_assignment_and_shows_states_not_zeros(tmp_path):
    second = [graded("ada", test_dot_small=(1, [])), Outcome("bob", MISSING), Outcome("cy", UNGRADABLE, "no notebook"),
              Outcome("dee", GRADED, scores={"test_dot_small": [0, 1]})]
    assignments = {"01_dot": (6, cohort()), "02 norm & more": (1, second)}
    for assignment, (_, outcomes) in assignments.items():
        write_assignment_report(assignment, EXERCISES, LABELS, POINTS, outcomes, tmp_path / assignment)
    page = Page(write_class_report(assignments, tmp_path))

    assert page.links == ["01_dot/index.html", "02%20norm%20%26%20more/index.html"]
    assert all((tmp_path / unquote(link)).is_file() for link in page.links)
    assert [(row["Assignment"], row["Graded"], row["Could not be graded"], row["Missing"], row["Mean score"])
            for row in page.rows("assignments")] == [("01_dot", "3", "2", "1", "3 (50%)"),
                                                     ("02 norm & more", "2", "1", "1", "0.5 (50%)")]
    students = {row["Student"]: list(row.values())[1:] for row in page.rows("students")}
    assert students == {SCRIPT_ID: ["could not be graded", "not enrolled"], "ada": ["5 (83%)", "1 (100%)"],
                        "bob": ["2* (33%)", "missing"], "cy": ["2 (33%)", "could not be graded"],
                        "dee": ["could not be graded", "0 (0%)"], "eve": ["missing", "not enrolled"]}
    assert SCRIPT_ID not in page.html
