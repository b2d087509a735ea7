"""`make lab` fills the student's working folder from course/: it never overwrites a file there, replaces a
notebook the student has not changed by a newer release, and puts a newer release of a notebook they have
started beside it, once, saying so."""
import datetime
import shutil
import subprocess

import pytest

from autograder import working_copy
from autograder.course import REPO

NOTEBOOK = "01_dot_products/01_dot_products.ipynb"


@pytest.fixture
def course(tmp_path):
    (tmp_path / "course" / "01_dot_products").mkdir(parents=True)
    (tmp_path / "course" / NOTEBOOK).write_text("release 1")
    return tmp_path / "course"


@pytest.fixture
def work(tmp_path):
    return tmp_path / "my-work"


def release(course, name, text):
    (course / name).parent.mkdir(parents=True, exist_ok=True)
    (course / name).write_text(text)


def files(folder):
    return {path.relative_to(folder).as_posix(): path.read_text() for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name != working_copy.RECORD}


def test_first_start_copies_the_release(course, work):
    changes = working_copy.update(course, work)
    assert files(work) == {NOTEBOOK: "release 1"}
    assert changes.lines("my-work") == [f"copied into my-work/: {NOTEBOOK}"]
    assert working_copy.update(course, work).lines("my-work") == []


def test_an_unchanged_notebook_is_replaced_by_a_newer_release(course, work):
    working_copy.update(course, work)
    release(course, NOTEBOOK, "release 2")
    changes = working_copy.update(course, work)
    assert files(work) == {NOTEBOOK: "release 2"}
    assert changes.updated == [NOTEBOOK]


def test_a_started_notebook_is_kept_and_the_newer_release_put_beside_it_once(course, work):
    working_copy.update(course, work)
    (work / NOTEBOOK).write_text("my answers")
    release(course, NOTEBOOK, "release 2")
    beside = f"01_dot_products/01_dot_products (release of {datetime.date.today().isoformat()}).ipynb"

    lines = working_copy.update(course, work).lines("my-work")
    assert files(work) == {NOTEBOOK: "my answers", beside: "release 2"}
    assert lines == [f"a newer release of my-work/{NOTEBOOK}, which you have started, is beside it: "
                     f"my-work/{beside}"]

    (work / beside).unlink()  # the student read it and threw it away: it is not offered again
    assert working_copy.update(course, work).lines("my-work") == []
    assert files(work) == {NOTEBOOK: "my answers"}

    release(course, NOTEBOOK, "release 3")
    working_copy.update(course, work)
    assert files(work) == {NOTEBOOK: "my answers", beside: "release 3"}


def test_a_second_newer_release_on_the_same_day_does_not_overwrite_the_first(course, work):
    working_copy.update(course, work)
    (work / NOTEBOOK).write_text("my answers")
    for text in ("release 2", "release 3"):
        release(course, NOTEBOOK, text)
        working_copy.update(course, work)
    assert sorted(files(work).values()) == ["my answers", "release 2", "release 3"]


def test_a_file_that_was_never_copied_is_never_overwritten(course, work):
    (work / "01_dot_products").mkdir(parents=True)
    (work / NOTEBOOK).write_text("written before any record")
    changes = working_copy.update(course, work)
    assert (work / NOTEBOOK).read_text() == "written before any record"
    assert list(changes.beside) == [NOTEBOOK]


def test_new_assignments_arrive_and_the_students_own_files_stay(course, work):
    working_copy.update(course, work)
    (work / "notes.txt").write_text("mine")
    (work / "01_dot_products" / "feedback").mkdir()
    release(course, "02_partial_derivatives/02_partial_derivatives.ipynb", "new")
    changes = working_copy.update(course, work)
    assert changes.copied == ["02_partial_derivatives/02_partial_derivatives.ipynb"]
    assert files(work)["notes.txt"] == "mine" and (work / "01_dot_products" / "feedback").is_dir()


def test_a_deleted_notebook_comes_back_fresh(course, work):
    working_copy.update(course, work)
    (work / NOTEBOOK).write_text("my answers")
    (work / NOTEBOOK).unlink()
    working_copy.update(course, work)
    assert files(work) == {NOTEBOOK: "release 1"}


def test_git_ignores_the_working_folder_and_tracks_the_release():
    def ignored(path):
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO).returncode == 0

    if not shutil.which("git") or subprocess.run(["git", "rev-parse"], cwd=REPO, capture_output=True).returncode:
        pytest.skip("the course is not a git clone here")
    assert ignored(f"my-work/{NOTEBOOK}")
    assert not ignored(f"course/{NOTEBOOK}")
