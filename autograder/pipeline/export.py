"""Every enrolled student's state and scores, as CSV: one file per assignment with a column per exercise, and one
for the class with a row per student and assignment. A student who could not be graded, is missing, or is held
for review has a status and an empty score, never a silent zero; once a person has graded a held submission in
the formgrader, it counts as graded, with their grades. A student who submitted without being enrolled is in
the files too, "not enrolled" in the roster column."""
import csv
from pathlib import Path

from .outcomes import GRADED, HELD, MISSING, UNGRADABLE, Outcome

NOT_GRADED_YET = "collected but not graded yet: run the autograde step"
REVIEWED = "reviewed by hand after grading held it:"


def class_outcomes(course, assignment):
    """[Outcome] of every student who is enrolled, submitted or was graded, by student id; the scores are the
    gradebook's (a grade changed by hand counts), the states and notes those autograde saved."""
    enrolled = course.enrolled_students()
    saved = {path.stem: path for path in course.outcome_path(assignment, "*").parent.glob("*.json")}
    submitted = course.submitted_students(assignment)
    outcomes = []
    for student in sorted(enrolled | set(saved) | submitted):
        if student in saved:
            outcome = Outcome.load(saved[student])
            if outcome.state in (GRADED, HELD):
                outcome.scores = course.scores(assignment, student)
            if outcome.state == HELD and not course.awaiting_review(assignment, student):
                outcome.state, outcome.note = GRADED, f"{REVIEWED} {outcome.note}"
        elif student in submitted:
            outcome = Outcome(student, UNGRADABLE, NOT_GRADED_YET)
        else:
            outcome = Outcome(student, MISSING)
        outcome.enrolled = student in enrolled
        outcomes.append(outcome)
    return outcomes


def _roster(outcome):
    return "enrolled" if outcome.enrolled else "not enrolled"


def write_assignment(path, exercises, outcomes, total):
    """``exercises`` {exercise: [test grade_ids]}: a score column for each, summed over its tests."""
    columns = ["student_id", "roster", "status", "note", "score", "max_score", *exercises]
    with open(path, "w", newline="") as file:
        writer = csv.DictWriter(file, columns)
        writer.writeheader()
        for outcome in outcomes:
            row = {"student_id": outcome.student, "roster": _roster(outcome), "status": outcome.state,
                   "note": outcome.note, "max_score": total}
            if outcome.state == GRADED:
                row["score"] = outcome.score
                for exercise, tests in exercises.items():
                    row[exercise] = sum(outcome.scores.get(test, (0, 0))[0] for test in tests)
            writer.writerow(row)
    return Path(path)


def write_class(path, assignments):
    """``assignments`` {assignment: (total, [Outcome])}: one row per student and assignment."""
    columns = ["student_id", "roster", "assignment", "status", "note", "score", "max_score"]
    with open(path, "w", newline="") as file:
        writer = csv.DictWriter(file, columns)
        writer.writeheader()
        for assignment, (total, outcomes) in assignments.items():
            for outcome in outcomes:
                writer.writerow({"student_id": outcome.student, "roster": _roster(outcome), "assignment": assignment,
                                 "status": outcome.state,
                                 "note": outcome.note, "max_score": total,
                                 "score": outcome.score if outcome.state == GRADED else ""})
    return Path(path)
