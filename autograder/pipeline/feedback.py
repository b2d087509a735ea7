"""Feedback pages: one per graded student, without the hidden tests, released to the exchange for the students
who submitted through it, and counted as released only when the exchange really holds that student's page.

A page is generated again only when what it shows has changed since it was made: the student's autograded
notebook, their grades and comments in the gradebook (a grade changed by hand in the formgrader leaves the
autograded notebook as it was, and nbgrader would keep the page showing the old score), or the page's template.
Each page's folder keeps a fingerprint of these; `everyone` generates every page again. nbgrader's
release_feedback stops at the first submission that did not come through the exchange (an LMS upload has no
submission_secret.txt), so those students are left out of the release; their pages stay in the feedback folder
for the instructor to hand back another way. A submission held for review gets its page once a person has graded
it.
"""
import glob
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.utils import notebook_hash

from ..course import CONFIG_DIR
from .export import class_outcomes
from .outcomes import HELD

FINGERPRINT = ".made-from"  # in a page's folder: what the page was made from (never released: not a page)
# What every page is made with: a change here changes every page.
PAGE_MAKERS = [CONFIG_DIR / "nbgrader_config.py", CONFIG_DIR / "preprocessors.py", CONFIG_DIR / "offline_math.py",
               *sorted((CONFIG_DIR / "templates").rglob("*.j2"))]


@dataclass
class Released:
    pages: list = field(default_factory=list)  # students with a page
    regenerated: list = field(default_factory=list)  # ... made now, as what it shows had changed
    released: list = field(default_factory=list)  # ... that the exchange holds for them
    elsewhere: list = field(default_factory=list)  # ... who did not submit through the exchange
    failed: list = field(default_factory=list)  # ... whose release did not reach the exchange


def generate_and_release(course, assignment, exchange_feedback, everyone=False):
    """Feedback for every graded student of ``assignment`` whose page is out of date (every one: ``everyone``);
    ``exchange_feedback`` is the exchange's feedback folder of this course."""
    held = {outcome.student for outcome in class_outcomes(course, assignment) if outcome.state == HELD}
    graded = {Path(folder).parent.name for folder in glob.glob(str(course.path("autograded", assignment, "*")))}
    made_from = {student: fingerprint(course, assignment, student) for student in sorted(graded - held)}
    stale = [student for student, made in made_from.items()
             if everyone or _read(course.path("feedback", assignment, student) / FINGERPRINT) != made]
    if stale:
        others = sorted(graded - set(stale))
        exclude = [f"--CourseDirectory.student_id_exclude={','.join(others)}"] if others else []
        course.nbgrader("generate_feedback", assignment, "--force", *exclude)
        for student in stale:
            if (folder := course.path("feedback", assignment, student)).is_dir():
                (folder / FINGERPRINT).write_text(made_from[student])
    folders = {Path(folder).parent.name: Path(folder)
               for folder in glob.glob(str(course.path("feedback", assignment, student="*")))}
    for student in held & folders.keys():  # a held submission's page waits for its review
        shutil.rmtree(folders.pop(student))
    result = Released(pages=sorted(folders), regenerated=sorted(set(stale) & folders.keys()))
    result.elsewhere = sorted(s for s, folder in folders.items() if not (folder / "submission_secret.txt").exists())
    through_exchange = sorted(set(folders) - set(result.elsewhere))
    unreleased = [student for student in through_exchange if not _in_exchange(folders[student], exchange_feedback)]
    if unreleased:
        exclude = sorted(set(folders) - set(unreleased))
        exclude = [f"--CourseDirectory.student_id_exclude={','.join(exclude)}"] if exclude else []
        course.nbgrader("release_feedback", assignment, *exclude)
    for student in through_exchange:
        (result.released if _in_exchange(folders[student], exchange_feedback) else result.failed).append(student)
    return result


def fingerprint(course, assignment, student):
    """A digest of what the student's page shows: their autograded notebooks, their grades and comments in the
    gradebook, and what every page is made with."""
    digest = hashlib.sha256()
    for path in [*sorted(course.path("autograded", assignment, student).glob("*.ipynb")), *PAGE_MAKERS]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    with Gradebook(course.db_url) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry:  # nothing graded: the page says so, until there is
            marks = None
        else:
            marks = [submission.timestamp, [(notebook.name, [grade.to_dict() for grade in notebook.grades],
                                             [comment.to_dict() for comment in notebook.comments])
                                            for notebook in submission.notebooks]]
    digest.update(json.dumps(marks, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _read(path):
    return path.read_text() if path.is_file() else None


def _in_exchange(folder, exchange_feedback):
    """Whether the exchange holds each of this feedback folder's pages where the student's fetch looks for it."""
    secret = (folder / "submission_secret.txt").read_text()
    pages = sorted(folder.glob("*.html"))
    released = {page: Path(exchange_feedback) / f"{notebook_hash(secret=secret, notebook_id=page.stem)}.html"
                for page in pages}  # the name the student's fetch computes from their own copy
    return bool(pages) and all(copy.is_file() and copy.read_bytes() == page.read_bytes()
                               for page, copy in released.items())
