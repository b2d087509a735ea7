"""Grades back to an LMS: a CSV file its gradebook import accepts, with the columns it reads, the student id it
matches on, and one column per assignment with its points possible. The states and scores are export.py's: a
student who is not graded (could not be graded, held for review, missing) has a blank cell, which each of these
imports leaves as it was; never a 0. Only enrolled students have a row: the LMS knows no one else.

Each format follows its LMS's documented import (cited at the format):
- Canvas: Grades > Import;
- Moodle: Grades > Import > CSV file, where "Identify user by" maps a column to a user field;
- Blackboard Learn: Grade Center > Work Offline > Upload.
"""
import csv
from pathlib import Path
from typing import NamedTuple

from nbgrader.api import Gradebook

from .outcomes import GRADED


class Student(NamedTuple):
    id: str
    first_name: str
    last_name: str
    email: str


def canvas(assignments, students):
    """Canvas's gradebook export, which its import reads back ("How do I import grades in the Gradebook?",
    community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807): the columns
    Student, ID, SIS User ID, SIS Login ID, Section, then one per assignment (a new name makes a new assignment),
    and under the header a "Points Possible" row. Students are matched by SIS Login ID, the course's student id;
    ID is Canvas's own number, left blank, and Section may be."""
    header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *assignments]
    points = ["Points Possible", "", "", "", "", *(_number(total) for total, _ in assignments.values())]
    rows = [[_last_first(student), "", "", student.id, "", *_scores(student, assignments)] for student in students]
    return [header, points, *rows]


def moodle(assignments, students):
    """Moodle's CSV grade import ("Grade import", docs.moodle.org/en/Grade_import): the columns of Moodle's own
    export (First name, Last name, Email address) and Username; on the import's preview, "Map from" Username "Map
    to" username identifies the students, and each assignment's column is mapped to a grade item (or a new one). A
    column's name says its points possible, the grade item's maximum grade in Moodle."""
    header = ["First name", "Last name", "Username", "Email address",
              *(f"{assignment} (out of {_number(total)})" for assignment, (total, _) in assignments.items())]
    rows = [[student.first_name, student.last_name, student.id, student.email, *_scores(student, assignments)]
            for student in students]
    return [header, *rows]


def blackboard(assignments, students):
    """Blackboard Learn's Grade Center upload ("Uploading External Grade Center Items", Blackboard Help for
    Instructors): a header row; students are matched by Username, the one column that must be there; an existing
    column is matched by the Column ID at the end of its name ("... |1234"), and a column without one makes a new
    column, named as Grade Center's download names them: "<name> [Total Pts: <points> Score]". Every value is
    quoted, as the upload asks of comma-separated files."""
    header = ["Last Name", "First Name", "Username", "Student ID",
              *(f"{assignment} [Total Pts: {_number(total)} Score]" for assignment, (total, _) in assignments.items())]
    rows = [[student.last_name, student.first_name, student.id, "", *_scores(student, assignments)]
            for student in students]
    return [header, *rows]


FORMATS = {"canvas": canvas, "moodle": moodle, "blackboard": blackboard}


def write(path, lms, assignments, course):
    """Write the CSV of ``lms`` for ``assignments`` {assignment: (points possible, [Outcome])} (export.py's data)
    and every enrolled student of ``course``; return its path."""
    quoting = csv.QUOTE_ALL if lms == "blackboard" else csv.QUOTE_MINIMAL
    with open(path, "w", newline="", encoding="utf-8") as file:
        csv.writer(file, quoting=quoting).writerows(FORMATS[lms](assignments, enrolled(course)))
    return Path(path)


def enrolled(course):
    """The enrolled students, by id, with what the roster gave of their names and email."""
    ids = course.enrolled_students()
    with Gradebook(course.db_url) as gradebook:
        return [Student(student.id, student.first_name or "", student.last_name or "", student.email or "")
                for student in sorted(gradebook.students, key=lambda student: student.id) if student.id in ids]


def _scores(student, assignments):
    """The student's score in each assignment; blank where they are not graded."""
    scores = []
    for _, outcomes in assignments.values():
        outcome = next((outcome for outcome in outcomes if outcome.student == student.id), None)
        scores.append(_number(outcome.score) if outcome is not None and outcome.state == GRADED else "")
    return scores


def _number(points):
    return f"{points:g}"  # 35, 34.5


def _last_first(student):
    names = ", ".join(name for name in (student.last_name, student.first_name) if name)
    return names or student.id
