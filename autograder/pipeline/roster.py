"""The class's roster: read strictly from a CSV file, then written to the gradebook, or nothing is.

A roster has a header line naming its columns: `id`, and optionally first_name, last_name and email. Every row must
have a field per column, an id of its own without spaces, and no field across lines: an unclosed quote would
otherwise swallow the rows after it into one student. The first mistake stops the enrolment, with its line.

A submission from someone not on the roster is graded all the same (nbgrader then adds them to the gradebook, where
their grades live), and reported as not enrolled: the course directory remembers whom grading added
(gradebook.CourseDirectory.not_enrolled), until a roster names them.
"""
import csv
import glob
from pathlib import Path

from nbgrader.api import Gradebook

COLUMNS = ("id", "first_name", "last_name", "email")


class RosterError(Exception):
    """A roster that cannot be enrolled: where and why, in one line."""


def read(path):
    """{id: {column: value}} of every row of the roster at ``path``, in order; RosterError at the first mistake."""
    path = Path(path)
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file, strict=True)
        rows, start = [], 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise RosterError(f"{path.name}, line {start}: {error} (an unclosed quote?)") from None
            rows.append((start, row))
            start = reader.line_num + 1
    if not rows:
        raise RosterError(f"{path.name} is empty: it needs a header line, such as {','.join(COLUMNS)}")
    (_, header), *rows = rows
    header = [name.strip() for name in header]
    if "id" not in header:
        raise RosterError(f"{path.name}, line 1: no header line naming an `id` column (found {','.join(header)}); "
                          f"the columns are {', '.join(COLUMNS)}")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown or len(set(header)) < len(header):
        raise RosterError(f"{path.name}, line 1: the columns must be among {', '.join(COLUMNS)}, each once "
                          f"(found {','.join(header)})")
    students, lines = {}, {}
    for line, row in rows:
        if not any(field.strip() for field in row):
            continue  # a blank line
        if len(row) != len(header):
            raise RosterError(f"{path.name}, line {line}: {len(row)} fields, and the header has {len(header)}")
        student = dict(zip(header, row))
        if any("\n" in field or "\r" in field for field in row):
            raise RosterError(f"{path.name}, line {line}: a field runs across lines (an unclosed quote?)")
        sid = student["id"]
        if not sid or sid != "".join(sid.split()):
            raise RosterError(f"{path.name}, line {line}: the id {sid!r} is empty or holds a space")
        if sid in students:
            raise RosterError(f"{path.name}, line {line}: the id {sid} is already on line {lines[sid]}")
        students[sid] = {name: value.strip() or None for name, value in student.items() if name != "id"}
        lines[sid] = line
    return students


def enrol(course, students):
    """Add or update ``students`` ({id: {column: value}}) in the gradebook: (added, changed, in the gradebook but
    not in the roster), each a sorted list of ids."""
    added, changed = [], []
    with Gradebook(course.db_url) as gradebook:
        known = {student.id: student for student in gradebook.students}
        for sid, fields in students.items():
            if sid not in known:
                added.append(sid)
            elif any(getattr(known[sid], name) != value for name, value in fields.items()):
                changed.append(sid)
            gradebook.update_or_create_student(sid, **fields)
    course.set_not_enrolled(course.not_enrolled() - set(students))
    return sorted(added), sorted(changed), sorted(set(known) - set(students) - course.not_enrolled())


def grades_of(course, student):
    """{assignment: points} of every submission of ``student`` that the gradebook holds."""
    with Gradebook(course.db_url) as gradebook:
        return {submission.assignment.name: submission.score
                for submission in gradebook.find_student(student).submissions}


def unenrol(course, student):
    """Remove ``student`` from the gradebook, with their submissions' grades, and from the outcomes of grading."""
    with Gradebook(course.db_url) as gradebook:
        gradebook.remove_student(student)
    for outcome in glob.glob(str(course.outcome_path("*", student))):
        Path(outcome).unlink()
    course.set_not_enrolled(course.not_enrolled() - {student})
