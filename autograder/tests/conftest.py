"""Grade every assignment's test submissions with real nbgrader runs, through the grading pipeline instructors use
(its workers, warm kernels, sandbox and seals), in scratch course folders.

For each assignment the release is generated once; then the solved notebook ("solution"), the released stub
("stub") and the wrong and alternative answers from ``submissions/`` are submitted and graded by one worker per
core (autograder/pipeline/workers.py).

Grading a notebook costs a kernel and its imports whatever it holds, so the answers travel in bundles: each
bundle holds at most one wrong (or alternative) answer per exercise, never two exercises that call each other,
and the solution's answers elsewhere. An answer is judged by its own exercise's test cells; that a bundle fails
no cell of an exercise it does not carry a wrong answer for is checked on its own (test_grading.py).
"""
import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from autograder.course import assignment_ids
from autograder.gradebook import CourseDirectory
from autograder.notebooks import answers, exercises, grade_id, is_test, with_answers
from autograder.pipeline import sandbox
from autograder.pipeline.workers import default_workers, grade_students
from autograder.tests import submissions

ASSIGNMENTS = assignment_ids()
if sandbox.unavailable():  # grading refuses to run unsandboxed unless told to: where bubblewrap cannot run, the
    os.environ["SANDBOX"] = "off"  # tests grade without it (and the commands they start inherit this)


def bundles(entries, source):
    """[{exercise: index of its entry}]: every entry once, each bundle holding at most one entry per exercise and
    no two exercises that use each other (an answer or a test cell that calls another exercise's function is
    graded beside that exercise's solution, as it was written to be)."""
    names = set(exercises(source))
    tests_use = {name: _uses(" ".join(cell.source for cell in source.cells
                                      if is_test(cell) and grade_id(cell) in cells), names - {name})
                 for name, cells in exercises(source).items()}
    uses = [_uses(entry.source, names - {entry.exercise}) | tests_use[entry.exercise] for entry in entries]
    remaining, packed = list(range(len(entries))), []
    while remaining:
        bundle = {}
        for index in remaining:
            exercise = entries[index].exercise
            if exercise not in bundle and not uses[index] & bundle.keys() and not any(
                    exercise in uses[other] for other in bundle.values()):
                bundle[exercise] = index
        packed.append(bundle)
        remaining = [index for index in remaining if index not in bundle.values()]
    return packed


def _uses(code, names):
    return {name for name in names if re.search(rf"\b{name}\b", code)}


class GradedAssignment:
    """One assignment's source and released notebooks, and what nbgrader made of every test submission."""

    def __init__(self, assignment, workdir):
        self.assignment = assignment
        self.base = CourseDirectory.scratch(workdir / "base", [assignment])
        self.base.nbgrader("generate_assignment", assignment, "--force")
        self.source = self.base.notebook("source", assignment)
        self.released = self.base.notebook("release", assignment)
        self.wrong, self.alternative = submissions.load(assignment)
        self.bundles = {"wrong": bundles(self.wrong, self.source),
                        "alternative": bundles(self.alternative, self.source)}
        self.students = self._submissions()
        for student, nb in self.students.items():
            self.base.submit(student, assignment, nb)

    def grade(self):
        outcomes = grade_students(self.base, self.assignment, sorted(self.students), workers=default_workers())
        ungraded = {student: outcome.note for student, outcome in outcomes.items() if not outcome.scores}
        assert not ungraded, f"not graded: {ungraded}"

    def _submissions(self):
        solved = answers(self.source)
        notebooks = {"solution": with_answers(self.released, solved), "stub": self.released}
        for kind, entries in (("wrong", self.wrong), ("alternative", self.alternative)):
            for r, bundle in enumerate(self.bundles[kind]):
                answer = dict(solved, **{exercise: entries[index].source for exercise, index in bundle.items()})
                notebooks[self.bundle_student(kind, r)] = with_answers(self.released, answer)
        return notebooks

    @staticmethod
    def bundle_student(kind, r):
        return f"{kind}-bundle-{r:02d}"

    def student(self, kind, index):
        """The student whose submission carries the ``index``-th wrong or alternative answer."""
        return next(self.bundle_student(kind, r) for r, bundle in enumerate(self.bundles[kind])
                    if index in bundle.values())

    def scores(self, student):
        return self.base.scores(self.assignment, student)

    def messages(self, student):
        return self.base.messages(self.assignment, student)

    def autograded(self, student):
        """The student's notebook as nbgrader ran it, with every cell's outputs."""
        return self.base.notebook("autograded", self.assignment, student=student)


@pytest.fixture(scope="session")
def graded(request, tmp_path_factory):
    """graded(assignment) -> GradedAssignment. The first use grades, all at once, every assignment that the
    selected tests ask for (`pytest -k 02_partial_derivatives` grades that one alone)."""
    workdir = tmp_path_factory.mktemp("grading")
    runs = {}

    def grade(assignments):
        with ThreadPoolExecutor(default_workers()) as pool:
            new = dict(zip(assignments, pool.map(lambda a: GradedAssignment(a, workdir / a), assignments)))
        for run in new.values():
            run.grade()
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


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """The SQLAlchemy URL of an empty database on a PostgreSQL server of the tests' own (postgres_server.py),
    stopped at the end of the session; skipped, saying why in one line, where PostgreSQL is missing or won't start."""
    from autograder.tests.postgres_server import PostgresUnavailable, running_postgres
    try:
        with running_postgres(tmp_path_factory.mktemp("postgres")) as url:
            yield url
    except PostgresUnavailable as reason:
        pytest.skip(str(reason))
