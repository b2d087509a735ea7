"""What the sandbox costs per submission: the same synthetic class graded with and without it, side by side.

    python -m autograder.benchmarks.sandbox_cost [--students 20] [--assignments 01_dot_products ...] [--rounds 2]

One process grades each student in turn, as one grading worker does, with warm kernels either way (one zygote
in a bubblewrap sandbox, one without). The two are run in alternation, so that a machine busy with something
else slows both alike, and the ratio of their medians is printed.
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path

from autograder.benchmarks.class_grading import synthetic_class
from autograder.gradebook import CourseDirectory
from autograder.notebooks import modules_used
from autograder.pipeline import grade as grading, sandbox
from autograder.pipeline.warm_kernels import stop_zygotes


def grade_class(course, assignment, sandboxed):
    """Seconds to grade every submission of ``course`` one after another."""
    why_not = sandbox.unavailable
    sandbox.unavailable = (lambda: None) if sandboxed else (lambda: "switched off for the benchmark")
    try:
        preload = modules_used(course.notebook("source", assignment))
        start = time.perf_counter()
        for student in sorted(course.submitted_students(assignment)):
            grading.grade(str(course.root), course.db_url, assignment, student, preload)
        return time.perf_counter() - start
    finally:
        sandbox.unavailable = why_not


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--assignments", nargs="*", default=["01_dot_products", "08_tensorflow_softmax_adam"])
    parser.add_argument("--rounds", type=int, default=2, help="gradings of the class each way")
    options = parser.parse_args()
    if why := sandbox.unavailable():
        raise SystemExit(f"nothing to compare: {why}")
    print(f"{options.students} students, graded one after another in one process, {options.rounds} rounds each way")
    with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
        for assignment in options.assignments:
            base = CourseDirectory.scratch(Path(scratch) / assignment / "base", [assignment])
            base.nbgrader("generate_assignment", assignment, "--force")
            synthetic_class(base, assignment, options.students)
            seconds = {True: [], False: []}
            for round_ in range(options.rounds):
                for sandboxed in (False, True):
                    copy = base.copy(Path(scratch) / assignment / f"{sandboxed}-{round_}")
                    grade_class(copy, assignment, sandboxed)  # the first kernel of each kind starts its zygote
                    seconds[sandboxed].append(grade_class(copy, assignment, sandboxed) / options.students)
            plain, boxed = statistics.median(seconds[False]), statistics.median(seconds[True])
            print(f"{assignment:28} unsandboxed {plain:5.2f} s each   sandboxed {boxed:5.2f} s each   "
                  f"ratio {boxed / plain:5.2f}", flush=True)
    stop_zygotes()


if __name__ == "__main__":
    main()
