"""`make feedback ASSIGNMENT=id`: a feedback page for every graded student, released to the exchange for the
students who submitted through it.

nbgrader's release_feedback stops at the first submission that did not come through the exchange (an upload
from an LMS has neither timestamp.txt nor submission_secret.txt), so those students are left out of the
release; their pages stay in autograder/runtime/feedback/ for the instructor to hand back another way.
"""
import glob
import sys
from pathlib import Path

from .course import REPO
from .gradebook import CourseDirectory


def main(assignment):
    course = CourseDirectory(REPO)
    # Every page again, each time: a grade changed by hand in the formgrader leaves the autograded notebook as it
    # was, and nbgrader would keep the page showing the old score.
    course.nbgrader("generate_feedback", assignment, "--force")
    folders = {Path(folder).parent.name: Path(folder)
               for folder in glob.glob(str(course.path("feedback", assignment, student="*")))}
    outside = sorted(student for student, folder in folders.items()
                     if not (folder / "submission_secret.txt").exists())
    released = sorted(set(folders) - set(outside))
    if released:
        exclude = [f"--CourseDirectory.student_id_exclude={','.join(outside)}"] if outside else []
        course.nbgrader("release_feedback", assignment, *exclude)
    where = course.path("feedback", assignment, student="<student>").relative_to(REPO)
    print(f"feedback pages for {students(len(folders))} are in {where}")
    print(f"released to the Assignment List of {students(len(released))}")
    if outside:
        print(f"not submitted through the exchange, so hand their page back another way: {', '.join(outside)}")
    return 0


def students(count):
    return f"{count} student" + ("" if count == 1 else "s")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m autograder.feedback ASSIGNMENT")
    sys.exit(main(sys.argv[1]))
