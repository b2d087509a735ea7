"""How much faster the course's autograde is than stock nbgrader's, on a synthetic class, on this machine.

    python -m autograder.benchmarks.class_grading [--students 40] [--assignments 01_dot_products ...]

Builds a class for each assignment (about 70% correct submissions, 20% wrong answers from the test suite's
catalogue, 10% broken: cut short, or no notebook), then grades the same class both ways, one right after the
other so that both see the same machine: stock `nbgrader autograde` (one notebook after another, a new kernel
each, the course's configuration otherwise) and the course's `autograde` (workers and warm kernels). Prints the
seconds of each, per submission, and their ratio, per assignment and in total. Not a test: the numbers belong in
a note, not in an assertion.
"""
import argparse
import random
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.course import assignment_ids, run_nbgrader
from autograder.gradebook import CourseDirectory
from autograder.notebooks import answers, with_answers
from autograder.pipeline.workers import default_workers, grade_students
from autograder.tests import submissions


def synthetic_class(course, assignment, size, seed=0):
    """Submit ``size`` students' notebooks of ``assignment`` into ``course``."""
    released = course.notebook("release", assignment)
    solved = answers(course.notebook("source", assignment))
    wrong, _ = submissions.load(assignment)
    pick = random.Random(seed)
    for index in range(size):
        student, kind = f"student-{index:03d}", pick.random()
        if kind < 0.7 or not wrong:
            course.submit(student, assignment, with_answers(released, solved))
        elif kind < 0.9:
            answer = pick.choice(wrong)
            course.submit(student, assignment, with_answers(released, {**solved, answer.exercise: answer.source}))
        else:
            folder = course.path("submitted", assignment, student)
            folder.mkdir(parents=True)
            if kind < 0.95:
                (folder / f"{assignment}.ipynb").write_text(nbformat.writes(released)[:1000])
            else:
                (folder / "answers.txt").write_text("I could not open the notebook")


def stock(course, assignment):
    start = time.perf_counter()
    run_nbgrader("autograde", assignment, "--force", f"--CourseDirectory.root={course.root}",
                 f"--CourseDirectory.db_url={course.db_url}", cwd=course.root)
    return time.perf_counter() - start


def ours(course, assignment, workers):
    start = time.perf_counter()
    students = sorted(course.submitted_students(assignment))
    grade_students(course, assignment, students, workers=workers, warn=lambda warning: None)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--assignments", nargs="*", default=assignment_ids())
    parser.add_argument("--workers", type=int, default=default_workers())
    options = parser.parse_args()

    totals = [0.0, 0.0]
    print(f"{options.students} students per assignment; stock nbgrader (serial) vs the course's autograde "
          f"({options.workers} workers)")
    with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
        for assignment in options.assignments:
            base = CourseDirectory.scratch(Path(scratch) / assignment / "base", [assignment])
            base.nbgrader("generate_assignment", assignment, "--force")
            synthetic_class(base, assignment, options.students)
            stock_seconds = stock(base.copy(Path(scratch) / assignment / "stock"), assignment)
            our_seconds = ours(base.copy(Path(scratch) / assignment / "ours"), assignment, options.workers)
            totals[0] += stock_seconds
            totals[1] += our_seconds
            print(f"{assignment:28} stock {stock_seconds:7.1f} s ({stock_seconds / options.students:5.2f} s each)"
                  f"   course {our_seconds:7.1f} s ({our_seconds / options.students:5.2f} s each)"
                  f"   ratio {stock_seconds / our_seconds:5.2f}", flush=True)
    print(f"{'total':28} stock {totals[0]:7.1f} s   course {totals[1]:7.1f} s   ratio {totals[0] / totals[1]:5.2f}")


if __name__ == "__main__":
    main()
