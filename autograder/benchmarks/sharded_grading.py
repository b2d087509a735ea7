"""How much faster sharded grading is than nbgrader's one-after-another, on this machine, right now.

    python -m autograder.benchmarks.sharded_grading [--submissions 24] [--shards 4] [--rounds 3]

Grades the same solved notebooks both ways, alternating the two in every round so that both see the same
machine noise, and prints the seconds and the ratio of each round and the median ratio. Not a test: the numbers
belong in a note, not in an assertion.
"""
import argparse
import statistics
import tempfile
import time
from pathlib import Path


from autograder.course import assignment_ids
from autograder.gradebook import CourseDirectory, autograde_concurrently, shard
from autograder.notebooks import answers, with_answers


def timed_grading(base, assignment, notebooks, workdir, shards):
    placed = shard(base, assignment, notebooks, workdir, size=-(-len(notebooks) // shards))
    start = time.perf_counter()
    autograde_concurrently([(course, assignment) for course in set(placed.values())], workers=shards)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default=assignment_ids()[0])
    parser.add_argument("--submissions", type=int, default=24)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
        scratch = Path(scratch)
        base = CourseDirectory.scratch(scratch / "base", [options.assignment])
        base.nbgrader("generate_assignment", options.assignment, "--force")
        solved = with_answers(base.notebook("release", options.assignment),
                              answers(base.notebook("source", options.assignment)))
        notebooks = {f"student-{i:03d}": solved for i in range(options.submissions)}

        print(f"{options.submissions} submissions of {options.assignment}: 1 shard vs {options.shards} shards")
        ratios = []
        for round_ in range(options.rounds):
            baseline = timed_grading(base, options.assignment, notebooks, scratch / f"a{round_}", shards=1)
            sharded = timed_grading(base, options.assignment, notebooks, scratch / f"b{round_}", options.shards)
            ratios.append(baseline / sharded)
            print(f"round {round_ + 1}: 1 shard {baseline:6.1f} s ({baseline / options.submissions:.2f} s each)"
                  f"   {options.shards} shards {sharded:6.1f} s ({sharded / options.submissions:.2f} s each)"
                  f"   ratio {ratios[-1]:.2f}")
        print(f"median ratio: {statistics.median(ratios):.2f}x faster with {options.shards} shards")


if __name__ == "__main__":
    main()
