"""Grading one student's submission of one assignment: what a worker runs, locally or on a cluster.

Before nbgrader sees a submission, it is checked for what nbgrader would turn into a silent zero or a traceback:
no folder (missing), no notebook, a notebook under another name (graded anyway when it is the only one), a file
that is not a notebook. nbgrader then grades it in this process, with kernels forked from a warm one (see
warm_kernels.py) and a bound on the whole notebook's time; the outcome says what happened in a sentence.
"""
import os
import shutil
import threading
from pathlib import Path

import nbformat
from nbformat.reader import NotJSONError
from nbgrader.apps import NbGraderAPI

from nncourse.checks import MISTAKES_MIME, RECORD_MISTAKES

from ..gradebook import CourseDirectory
from ..notebooks import grade_id, is_test
from . import nbgrader_log
from .outcomes import GRADED, MISSING, UNGRADABLE, Outcome
from .warm_kernels import WarmKernelManager, kill_running_kernels

NOTEBOOK_TIME_LIMIT = 300  # seconds grading one notebook may take, all cells together
CELL_TIME_LIMIT = 60  # seconds one cell may take when graded (demonstrations are skipped; Validate allows more)


def grade(root, db_url, assignment, student, preload=(), cell_time_limit=CELL_TIME_LIMIT,
          time_limit=NOTEBOOK_TIME_LIMIT):
    """Grade ``student``'s submission; return its Outcome and the warnings worth a person's attention."""
    course = CourseDirectory(root, db_url)
    folder = course.path("submitted", assignment, student)
    if not folder.is_dir():
        return Outcome(student, MISSING), []
    notebook, note = find_notebook(folder, assignment)
    if notebook is None:
        return Outcome(student, UNGRADABLE, note), []
    try:
        nbformat.read(notebook, as_version=4)
    except NotJSONError:
        reason = f"{notebook.name} is not valid JSON: the file was cut short, or is not a notebook"
        return Outcome(student, UNGRADABLE, f"{note} {reason}".strip()), []
    except Exception as error:  # valid JSON, but not a notebook's structure
        reason = f"{notebook.name} is not a notebook nbformat can read ({_first_line(error)})"
        return Outcome(student, UNGRADABLE, f"{note} {reason}".strip()), []

    result, timed_out = _autograde(course, assignment, student, preload, cell_time_limit, time_limit)
    warnings = [f"{student}: {warning}" for warning in nbgrader_log.warnings(result) if not _harmless(warning)]
    if timed_out:
        return Outcome(student, UNGRADABLE, f"timed out: the whole notebook took longer than {time_limit} s"), []
    if not result["success"]:
        return Outcome(student, UNGRADABLE, f"nbgrader could not grade it: {nbgrader_log.failure(result)}"), warnings
    graded = course.notebook("autograded", assignment, student)
    stopped = [grade_id(cell) if cell.metadata.get("nbgrader") else f"number {index + 1}"
               for index, cell in enumerate(graded.cells)
               if any(output.get("ename") == "KeyboardInterrupt" for output in cell.get("outputs", []))]
    if stopped:
        note = f"{note} cell {', '.join(stopped)} was stopped after {cell_time_limit} s.".strip()
    return Outcome(student, GRADED, note, scores=course.scores(assignment, student),
                   mistakes=mistakes_named(graded)), warnings


def find_notebook(folder, assignment):
    """(the notebook to grade, a note) or (None, why there is none). A lone notebook under another name (a
    browser's `01_dot_products (1).ipynb`) is copied to the expected name, and the note says so."""
    expected = folder / f"{assignment}.ipynb"
    others = sorted(path for path in folder.glob("*.ipynb") if path != expected)
    if expected.is_file():
        copies = [path.name for path in others if path.read_bytes() == expected.read_bytes()]
        return expected, (f"graded {copies[0]} as {expected.name}." if copies else "")
    if len(others) == 1:
        shutil.copyfile(others[0], expected)
        return expected, f"graded {others[0].name} as {expected.name}."
    if others:
        return None, f"several notebooks ({', '.join(path.name for path in others)}) and none named {expected.name}"
    found = sorted(path.name for path in folder.iterdir() if path.name != "timestamp.txt")
    return None, f"no notebook in the submission ({', '.join(found) if found else 'it is empty'})"


def mistakes_named(nb):
    """{test cell grade_id: [the Mistakes its failing checks matched]}, as `check` recorded them."""
    found = {}
    for cell in nb.cells:
        named = [name for output in cell.get("outputs", []) if output.output_type == "display_data"
                 for name in output.data.get(MISTAKES_MIME, {}).get("mistakes", [])]
        if is_test(cell) and named:
            found[grade_id(cell)] = named
    return found


def _autograde(course, assignment, student, preload, cell_time_limit, time_limit):
    """nbgrader's autograde of one student, in this process; (its result, whether the time bound stopped it)."""
    os.environ[RECORD_MISTAKES] = "1"  # the grading kernels inherit it
    config = course.nbgrader_config()
    config.Execute.kernel_manager_class = f"{WarmKernelManager.__module__}.{WarmKernelManager.__name__}"
    config.Execute.timeout = cell_time_limit
    config.WarmKernelManager.preload = list(preload)
    api = NbGraderAPI(config=config)
    api.log = nbgrader_log.LOG
    with _Deadline(time_limit) as deadline:
        result = api.autograde(assignment, student, force=True, create=True)
    return result, deadline.passed


class _Deadline:
    """Kills this process's grading kernels once ``seconds`` have passed: nbclient then sees a dead kernel and
    nbgrader gives up on the notebook, instead of one cell timeout after another."""

    def __init__(self, seconds):
        self.passed = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def _expire(self):
        self.passed = True
        kill_running_kernels()

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc_info):
        self._timer.cancel()


def _harmless(line):
    """Warnings nbgrader gives for every submission, which say nothing about this one."""
    return "Skipping unknown notebook" in line  # a renamed notebook kept beside the copy that was graded


def _first_line(error):
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]

