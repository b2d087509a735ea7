"""`make lab` and `make instructor`, served from a copy of the course and used as people use them.

The student's server shows only the working folder, offers Validate and the Assignment List, and neither the
formgrader nor the course list; the instructor's offers the formgrader on the whole repository. The browser
tests drive headless Chromium (the system's, through playwright) and leave screenshots in their tmp_path; they
are skipped, saying why, where Chromium is not installed (`make test` installs it where it can).
"""
import os
import re
import shutil

import nbformat
import pytest
from playwright.sync_api import expect, sync_playwright

from autograder import lab, working_copy
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy
from autograder.notebooks import with_answers
from autograder.tests.lab_server import running_lab

ASSIGNMENT = ASSIGNMENTS[0]
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
# A common mistake in notebook 01's first exercise: the first test's message names it.
ELEMENTWISE_DOT = "def dot(a, b):\n    return np.asarray(a) * np.asarray(b)\n"
STUDENT_OFF = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:create-assignment"}

CHROMIUM = shutil.which("chromium")
# Measured on Debian's chromium: without the background-networking flags its connections are refused.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}  # a student's laptop
WAIT = 60_000  # milliseconds: the longest any step may take (a run of the notebook on a busy machine)
expect.set_options(timeout=WAIT)
needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed (make test installs it as root "
                                                         "with apt-get)")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A copy of the course whose student has written ``dot`` as an element-wise product in my-work/, and an
    exchange beside it."""
    scratch = tmp_path_factory.mktemp("lab")
    root = make_copy(scratch / "course-copy")
    working_copy.update(root / "course", root / "my-work")
    started = root / "my-work" / NOTEBOOK
    nbformat.write(with_answers(nbformat.read(started, as_version=4), {"dot": ELEMENTWISE_DOT}), started)
    (scratch / "exchange").mkdir()
    return scratch


@pytest.fixture(scope="module")
def student_lab(scratch):
    with running_lab(scratch / "course-copy", "student", scratch / "student-home", scratch / "exchange") as lab:
        yield lab


@pytest.fixture(scope="module")
def instructor_lab(scratch):
    with running_lab(scratch / "course-copy", "instructor", scratch / "instructor-home",
                     scratch / "exchange") as lab:
        yield lab


def test_student_server_serves_only_the_working_folder_without_the_formgrader(student_lab):
    assert student_lab.status("formgrader") == 404
    assert student_lab.status("formgrader/api/assignments") == 404
    assert student_lab.status("assignments?course_id=nn-fundamentals") == 200  # the Assignment List
    listing = [item["name"] for item in student_lab.get_json("api/contents")["content"]]
    assert sorted(listing) == ASSIGNMENTS
    assert STUDENT_OFF <= set(student_lab.page_config()["disabledExtensions"])


def test_instructor_server_serves_the_repository_with_the_formgrader(instructor_lab):
    assert instructor_lab.status("formgrader") == 200
    listing = {item["name"] for item in instructor_lab.get_json("api/contents")["content"]}
    assert {"solutions", "course", "autograder", "my-work"} <= listing
    assert not STUDENT_OFF & set(instructor_lab.page_config()["disabledExtensions"])


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    profile = tmp_path_factory.mktemp("chromium-profile")  # empty, and where Chromium's caches go too
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile / "user-data", executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            env=dict(os.environ, XDG_CACHE_HOME=str(profile / "cache"), XDG_CONFIG_HOME=str(profile / "config")),
            viewport=VIEWPORT)
        context.set_default_timeout(WAIT)
        yield context
        context.close()


def open_menu(page, title):
    page.locator(".lm-MenuBar-item", has_text=title).first.click()
    return page.locator(".lm-Menu").last


@needs_chromium
def test_student_reads_a_failed_check_validates_and_has_no_formgrader(student_lab, browser, tmp_path):
    page = browser.new_page()
    page.goto(student_lab.address(f"lab/tree/{NOTEBOOK}"))
    # The status bar names the kernel's state once the notebook is connected to a running kernel.
    expect(page.locator(".jp-StatusBar-Widget")).to_contain_text("| Idle")
    page.locator(".jp-Notebook .jp-Cell").first.click()  # the notebook is the widget the Run menu acts on

    open_menu(page, "Run").locator('[data-command="runmenu:run-all"]').click()
    failure = page.locator(".jp-OutputArea-output", has_text="CheckFailed").first
    expect(failure).to_contain_text("element-wise")
    failure.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "student-failed-check.png")

    page.locator(".validate-button").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("element-wise")  # the dialog opens once validation is done
    page.screenshot(path=tmp_path / "student-validate-dialog.png")
    # As `make validate` says it: the exercise and what its test checks, then the whole sentence, no test code.
    first = dialog.locator("#validation-message .jp-RenderedText pre")
    expect(first.nth(0)).to_have_text(re.compile(r"^dot: "))
    expect(first.nth(1)).to_contain_text("CheckFailed: dot(")
    expect(first.nth(1)).to_contain_text("element-wise")
    assert first.nth(1).bounding_box()["y"] + first.nth(1).bounding_box()["height"] < VIEWPORT["height"]
    assert "check(" not in dialog.inner_text()
    # every line readable at this width: no block of the dialog scrolls sideways
    wide = dialog.locator("#validation-message pre").evaluate_all(
        "blocks => blocks.filter(b => b.scrollWidth > b.clientWidth).map(b => b.innerText)")
    assert not wide, f"lines wider than the dialog: {wide}"
    dialog.locator(".jp-Dialog-button").last.click()

    nbgrader_menu = open_menu(page, "Nbgrader")
    nbgrader_menu.wait_for()
    page.screenshot(path=tmp_path / "student-nbgrader-menu.png")
    items = nbgrader_menu.locator(".lm-Menu-item:visible").all_inner_texts()
    assert any("Assignment List" in item for item in items), items
    assert not any("Formgrader" in item or "Course List" in item for item in items), items
    page.keyboard.press("Escape")
    assert page.request.get(student_lab.address("formgrader")).status == 404

    page.locator(".jp-BreadCrumbs-home").first.click()
    expect(page.locator(".jp-DirListing-content .jp-DirListing-itemName")).to_have_text(ASSIGNMENTS)
    page.screenshot(path=tmp_path / "student-file-browser.png")
    page.close()


@needs_chromium
def test_instructor_sees_the_assignment_in_the_formgrader(instructor_lab, browser, tmp_path):
    page = browser.new_page()
    page.goto(instructor_lab.address("lab"))
    open_menu(page, "Nbgrader").locator('[data-command="nbgrader:open-formgrader"]').click()
    expect(page.frame_locator("iframe").first.get_by_role("link", name=ASSIGNMENT)).to_be_visible()
    page.screenshot(path=tmp_path / "instructor-formgrader.png")
    page.close()


def test_the_labs_terminals_do_not_inherit_makes_variables(monkeypatch, tmp_path):
    for name, value in {"MAKELEVEL": "1", "MAKEFLAGS": "w", "MFLAGS": "-w"}.items():
        monkeypatch.setenv(name, value)
    environment = lab.lab_environment(lab.STUDENT_CONFIG_DIR, tmp_path)
    assert not {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"} & set(environment)
    assert environment["COURSE_WORK_DIR"] == str(tmp_path)
