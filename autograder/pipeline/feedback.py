"""Feedback pages: one per graded student, without the hidden tests, released to the exchange for the students
who submitted through it, and counted as released only when the exchange really holds that student's page.

Every page is generated again each time: a grade changed by hand in the formgrader leaves the autograded notebook
as it was, and nbgrader would keep the page showing the old score. nbgrader's release_feedback stops at the first
submission that did not come through the exchange (an LMS upload has no submission_secret.txt), so those students
are left out of the release; their pages stay in the feedback folder for the instructor to hand back another way.
A submission held for review gets its page once a person has graded it.
"""
import glob
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.utils import notebook_hash

from .export import class_outcomes
from .outcomes import HELD


@dataclass
class Released:
    pages: list = field(default_factory=list)  # students with a page
    released: list = field(default_factory=list)  # ... that the exchange holds for them
    elsewhere: list = field(default_factory=list)  # ... who did not submit through the exchange
    failed: list = field(default_factory=list)  # ... whose release did not reach the exchange


def generate_and_release(course, assignment, exchange_feedback):
    """Feedback for every graded student of ``assignment``; ``exchange_feedback`` is the exchange's feedback
    folder of this course."""
    course.nbgrader("generate_feedback", assignment, "--force")
    folders = {Path(folder).parent.name: Path(folder)
               for folder in glob.glob(str(course.path("feedback", assignment, student="*")))}
    for outcome in class_outcomes(course, assignment):  # a held submission's page waits for its review
        if outcome.state == HELD and outcome.student in folders:
            shutil.rmtree(folders.pop(outcome.student))
    result = Released(pages=sorted(folders))
    result.elsewhere = sorted(s for s, folder in folders.items() if not (folder / "submission_secret.txt").exists())
    through_exchange = sorted(set(folders) - set(result.elsewhere))
    if through_exchange:
        exclude = [f"--CourseDirectory.student_id_exclude={','.join(result.elsewhere)}"] if result.elsewhere else []
        course.nbgrader("release_feedback", assignment, *exclude)
    for student in through_exchange:
        (result.released if _in_exchange(folders[student], exchange_feedback) else result.failed).append(student)
    return result


def _in_exchange(folder, exchange_feedback):
    """Whether the exchange holds each of this feedback folder's pages where the student's fetch looks for it."""
    secret = (folder / "submission_secret.txt").read_text()
    pages = sorted(folder.glob("*.html"))
    released = {page: Path(exchange_feedback) / f"{notebook_hash(secret=secret, notebook_id=page.stem)}.html"
                for page in pages}  # the name the student's fetch computes from their own copy
    return bool(pages) and all(copy.is_file() and copy.read_bytes() == page.read_bytes()
                               for page, copy in released.items())
