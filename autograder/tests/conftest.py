"""Grade every assignment's test submissions with real nbgrader runs, all at once, in scratch course folders.

For each assignment the release is generated once; then the solved notebook ("solution"), the released stub
("stub") and every wrong and alternative answer from ``submissions/`` are submitted, in shards of SHARD_SIZE,
and all shards of all assignments are autograded concurrently (see autograder/gradebook.py).
"""
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from autograder.course import assignment_ids
from autograder.gradebook import CourseDirectory, autograde_concurrently, shard
from autograder.notebooks import answers, with_answers
from autograder.tests import submissions

ASSIGNMENTS = assignment_ids()
SHARD_SIZE = 10
WORKERS = os.cpu_count() or 1  # one grading process per core: more did not grade faster (see the benchmark)


def student_id(kind, index):
    return f"{kind}-{index:02d}"


class GradedAssignment:
    """One assignment's source and released notebooks, and what nbgrader made of every test submission."""

    def __init__(self, assignment, workdir):
        self.assignment = assignment
        self.base = CourseDirectory.scratch(workdir / "base", [assignment])
        self.base.nbgrader("generate_assignment", assignment, "--force")
        self.source = self.base.notebook("source", assignment)
        self.released = self.base.notebook("release", assignment)
        self.wrong, self.alternative = submissions.load(assignment)
        self._shard_of = shard(self.base, assignment, self._submissions(), workdir, SHARD_SIZE)
        self.shards = set(self._shard_of.values())

    def _submissions(self):
        solved = answers(self.source)
        notebooks = {"solution": with_answers(self.released, solved), "stub": self.released}
        for kind, entries in (("wrong", self.wrong), ("alternative", self.alternative)):
            for index, entry in enumerate(entries):
                answer = dict(solved, **{entry.exercise: entry.source})
                notebooks[student_id(kind, index)] = with_answers(self.released, answer)
        return notebooks

    def scores(self, student):
        return self._shard_of[student].scores(self.assignment, student)

    def messages(self, student):
        return self._shard_of[student].messages(self.assignment, student)

    def autograded(self, student):
        """The student's notebook as nbgrader ran it, with every cell's outputs."""
        return self._shard_of[student].notebook("autograded", self.assignment, student=student)


@pytest.fixture(scope="session")
def graded(request, tmp_path_factory):
    """graded(assignment) -> GradedAssignment. The first use grades, all at once, every assignment that the
    selected tests ask for (`pytest -k 02_partial_derivatives` grades that one alone)."""
    workdir = tmp_path_factory.mktemp("grading")
    runs = {}

    def grade(assignments):
        with ThreadPoolExecutor(WORKERS) as pool:
            new = dict(zip(assignments, pool.map(lambda a: GradedAssignment(a, workdir / a), assignments)))
        autograde_concurrently([(shard_, run.assignment) for run in new.values() for shard_ in run.shards], WORKERS)
        runs.update(new)

    def get(assignment):
        if assignment not in runs:
            grade(sorted(_selected_assignments(request.session.items) - runs.keys() | {assignment}))
        return runs[assignment]
    return get


def _selected_assignments(items):
    """The assignments that the selected tests take as their `assignment` parameter."""
    return {item.callspec.params["assignment"] for item in items
            if "assignment" in getattr(getattr(item, "callspec", None), "params", {})}
