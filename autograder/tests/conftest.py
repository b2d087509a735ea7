"""Grade every assignment's test submissions with real nbgrader runs, all at once, in scratch course folders.

For each assignment the release is generated once; then the solved notebook ("solution"), the released stub
("stub") and every wrong and alternative answer from ``submissions/`` are submitted. Starting a kernel per
notebook is what grading costs, so the submissions are split into shards of SHARD_SIZE, each a copy of the
scratch course with its own gradebook, and all shards of all assignments are autograded concurrently.
"""
import math
import os
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from autograder.course import assignment_ids
from autograder.gradebook import CourseDirectory
from autograder.notebooks import answers, with_answers
from autograder.tests import submissions

ASSIGNMENTS = assignment_ids()
SHARD_SIZE = 10
WORKERS = 2 * (os.cpu_count() or 1)  # a grading kernel waits on I/O about half of the time


def student_id(kind, index):
    return f"{kind}-{index:02d}"


class GradedAssignment:
    """One assignment's source and released notebooks, and what nbgrader made of every test submission."""

    def __init__(self, assignment, workdir):
        self.assignment = assignment
        self.base = CourseDirectory.scratch(workdir / "base", [assignment])
        self.base.nbgrader("generate_assignment", assignment, "--force")
        self.source = self._read("source")
        self.released_path = self.base.path("release", assignment) / f"{assignment}.ipynb"
        self.released = nbformat.read(self.released_path, as_version=4)
        self.wrong, self.alternative = submissions.load(assignment)

        notebooks = self._submissions()
        students = list(notebooks)
        shard_count = math.ceil(len(students) / SHARD_SIZE)
        self.shards, self._shard_of = [], {}
        for index in range(shard_count):
            shard = self.base.copy(workdir / f"shard-{index}")
            for student in students[index::shard_count]:
                shard.submit(student, assignment, notebooks[student])
                self._shard_of[student] = shard
            self.shards.append(shard)

    def _read(self, step):
        return nbformat.read(self.base.path(step, self.assignment) / f"{self.assignment}.ipynb", as_version=4)

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


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """graded(assignment) -> GradedAssignment; the first use grades every assignment."""
    workdir = tmp_path_factory.mktemp("grading")
    with ThreadPoolExecutor(WORKERS) as pool:
        runs = dict(zip(ASSIGNMENTS, pool.map(lambda a: GradedAssignment(a, workdir / a), ASSIGNMENTS)))
        jobs = [(run.assignment, shard) for run in runs.values() for shard in run.shards]
        list(pool.map(lambda job: job[1].nbgrader("autograde", job[0], "--force"), jobs))
    return runs.__getitem__
