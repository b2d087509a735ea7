"""What the instructor pays for `make autograde`, start-up included, against stock `nbgrader autograde`.

    python -m autograder.benchmarks.instructor_command [--students 40] [--assignment 01_dot_products] [--rounds 2]

Makes a copy of the course (as the test suite does), releases the assignment in it and submits a synthetic class
(class_grading.synthetic_class: mostly correct, some wrong, a few broken), then copies that for stock nbgrader. Then times each command as a new
process, the way an instructor types it, alternating ours and stock's so that a machine busy with something else
slows both alike:
- the class: `python -m autograder.pipeline autograde ASSIGNMENT` (what `make autograde ASSIGNMENT=...` runs)
  against `python -m nbgrader autograde ASSIGNMENT --force` (stock, with the course's configuration);
- one student: the same with `--student ID` (`make autograde STUDENT=ID`) against stock's `--student ID`.
Prints every run and the ratios of the medians (stock's seconds over ours). Not a test: the numbers belong in a
note, not in an assertion.
"""
import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from autograder.benchmarks.class_grading import synthetic_class
from autograder.gradebook import CourseDirectory
from autograder.tests.course_copy import make_copy, run


def timed(root, exchange, *command):
    """Seconds the command took, run as `python -m COMMAND...` in the course copy; it must succeed (stock
    nbgrader exits with 1 when a submission could not be graded, as the class's broken ones cannot)."""
    start = time.perf_counter()
    result = run(root, *command, exchange=exchange)
    seconds = time.perf_counter() - start
    if result.returncode not in ((0, 1) if command[0] == "nbgrader" else (0,)):
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return seconds


def compare(name, roots, exchange, ours, stock, rounds):
    seconds = {"course": [], "stock": []}
    for round_ in range(rounds):
        for kind, command in (("course", ours), ("stock", stock)):
            seconds[kind].append(timed(roots[kind], exchange, *command))
            print(f"{name}, round {round_ + 1}: {kind} {seconds[kind][-1]:6.1f} s", flush=True)
    course, stock = statistics.median(seconds["course"]), statistics.median(seconds["stock"])
    print(f"{name}: median course {course:.1f} s, stock {stock:.1f} s: {stock / course:.2f}x", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--assignment", default="01_dot_products")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each command each way")
    parser.add_argument("--only", choices=["class", "student"], help="time only the class, or only one student")
    options = parser.parse_args()
    assignment = options.assignment
    with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
        root, exchange = make_copy(Path(scratch) / "course"), Path(scratch) / "exchange"
        if run(root, "autograder.release", assignment, exchange=exchange).returncode != 0:
            raise SystemExit(f"could not release {assignment}")
        synthetic_class(CourseDirectory(root), assignment, options.students)
        # each its own copy of the class and gradebook: stock nbgrader's is as stock nbgrader leaves it
        roots = {"course": root, "stock": Path(shutil.copytree(root, Path(scratch) / "stock"))}
        student = "student-000"
        print(f"{options.students} students of {assignment}, {options.rounds} runs each way, alternating")
        if options.only != "student":
            compare("the class", roots, exchange, ["autograder.pipeline", "autograde", assignment],
                    ["nbgrader", "autograde", assignment, "--force"], options.rounds)
        if options.only != "class":
            compare(f"one student ({student})", roots, exchange,
                    ["autograder.pipeline", "autograde", assignment, "--student", student],
                    ["nbgrader", "autograde", assignment, "--student", student, "--force"], options.rounds)


if __name__ == "__main__":
    main()
