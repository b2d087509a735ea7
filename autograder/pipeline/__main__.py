"""The instructor's commands, for one assignment or every released one:

    python -m autograder.pipeline collect   [ASSIGNMENT] [--lms DOWNLOAD.zip] [-v]
    python -m autograder.pipeline autograde [ASSIGNMENT] [--student ID] [--workers N] [--scheduler ADDRESS]
    python -m autograder.pipeline feedback  [ASSIGNMENT] [--all]
    python -m autograder.pipeline export    [ASSIGNMENT] [--lms canvas|moodle|blackboard]
    python -m autograder.pipeline report    [ASSIGNMENT]
    python -m autograder.pipeline enrol     ROSTER.csv
    python -m autograder.pipeline unenrol   STUDENT [--force]

The Makefile's instructor targets call these. Exit status: 0 when the pipeline did its work, whatever the
submissions were (a broken one is reported, not fatal); 2 for a mistake in the command (an unknown assignment
or student, a missing file), with one line saying so; 1 when a step itself failed.
"""
import argparse
import sys
from pathlib import Path

from nbgrader.api import Gradebook

from ..course import REPO, RUNTIME, assignment_ids, shown
from ..gradebook import CourseDirectory
from ..notebooks import exercises, grade_id, is_test, points, test_label
from . import collect, export, feedback, lms_export, nbgrader_log, roster
from .grade import CELL_TIME_LIMIT
from .identify import Releases
from .outcomes import GRADED, STATES
from .workers import default_workers, grade_students


class UsageError(Exception):
    """A mistake in the command: said in one line, exit status 2."""


def main(argv=None):
    options = _parser().parse_args(argv)
    course = CourseDirectory(REPO)
    try:
        return options.command(course, options) or 0
    except UsageError as error:
        print(f"{options.name}: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:  # a step itself failed: nbgrader's words, not a traceback of ours
        print(f"{options.name}: {error}", file=sys.stderr)
        return 1


def run_collect(course, options):
    if options.lms and not Path(options.lms).is_file():
        raise UsageError(f"no LMS download at {options.lms}")
    api = _api(course)
    assignments = _assignments(course, options.assignment)
    from_lms, said = {}, []
    if options.lms:
        try:
            from_lms, said = collect.from_lms(api, options.lms, Releases(course), _released(course),
                                              fallback=options.assignment, enrolled=course.enrolled_students())
        except collect.BadDownload as error:
            raise UsageError(str(error)) from None
    for assignment in sorted(set(assignments) | set(from_lms)):
        changes, warnings, log = collect.from_exchange(api, assignment) if assignment in assignments else ({}, [], "")
        changes.update({student: f"{change} (LMS)" for student, change in from_lms.get(assignment, {}).items()})
        print(f"{assignment}: {_count(changes, 'new')} new, {_count(changes, 'updated')} updated submissions"
              + "".join(f"\n  {student}: {change}" for student, change in sorted(changes.items()))
              + "".join(f"\n  warning: {warning}" for warning in warnings))
        if options.verbose and log:
            print(log.rstrip())
    for line in said:
        print(line)


def run_autograde(course, options):
    for assignment in _assignments(course, options.assignment):
        students = [_student(course, assignment, options.student)] if options.student else \
            _everyone(course, assignment)
        strangers = set(students) - course.enrolled_students()
        course.set_not_enrolled(course.not_enrolled() | strangers)  # grading adds them to the gradebook
        outcomes = grade_students(course, assignment, students, workers=options.workers,
                                  scheduler=options.scheduler, cell_time_limit=options.cell_time_limit)
        for student, outcome in outcomes.items():
            outcome.enrolled = student not in strangers
            outcome.save(course.outcome_path(assignment, student))
        print(_summary(assignment, outcomes.values()))
        for outcome in sorted(outcomes.values(), key=lambda o: o.student):
            if outcome.state != GRADED or outcome.note:
                print(f"  {outcome.student}: {outcome.state}" + (f": {outcome.note}" if outcome.note else ""))


def run_feedback(course, options):
    for assignment in _assignments(course, options.assignment):
        done = feedback.generate_and_release(course, assignment, _exchange_feedback(course), everyone=options.all)
        where = shown(course.path("feedback", assignment, student="<student>"))
        print(f"{assignment}: feedback pages for {_students(len(done.pages))} in {where} "
              f"({len(done.regenerated)} made now, {len(done.pages) - len(done.regenerated)} unchanged since made); "
              f"released to the Assignment List of {_students(len(done.released))}")
        if done.elsewhere:
            print(f"  not submitted through the exchange, so hand their page back another way: "
                  f"{', '.join(done.elsewhere)}")
        if done.failed:
            print(f"  the exchange does not hold the page of: {', '.join(done.failed)} (see nbgrader's log)")
        ungraded = [o.student for o in export.class_outcomes(course, assignment) if o.state != GRADED]
        if ungraded:
            print(f"  no page for those not graded: {', '.join(ungraded)}")


def run_export(course, options):
    folder = RUNTIME / "grades"
    folder.mkdir(parents=True, exist_ok=True)
    everything = {}
    for assignment in _assignments(course, options.assignment):
        source = course.notebook("source", assignment)
        total = sum(points(source).values())
        outcomes = export.class_outcomes(course, assignment)
        export.write_assignment(folder / f"{assignment}.csv", exercises(source), outcomes, total)
        everything[assignment] = (total, outcomes)
        print(_summary(assignment, outcomes))
    path = export.write_class(folder / "grades.csv", everything)
    print(f"grades written to {shown(path)} and, per assignment with a column per exercise, beside it")
    if options.lms:
        path = lms_export.write(folder / f"{options.lms}.csv", options.lms, everything, course)
        print(f"for {options.lms.capitalize()}'s gradebook import: {shown(path)} (blank where not graded)")


def run_report(course, options):
    from . import report  # with matplotlib: a second of every other command's start

    folder = RUNTIME / "report"
    everything = {}
    for assignment in _assignments(course, options.assignment):
        source = course.notebook("source", assignment)
        tests = {grade_id(cell): cell for cell in source.cells if is_test(cell)}
        labels = {test: test_label(tests[test], exercise)
                  for exercise, its_tests in exercises(source).items() for test in its_tests}
        outcomes = export.class_outcomes(course, assignment)
        report.write_assignment_report(assignment, exercises(source), labels, points(source), outcomes,
                                       folder / assignment, class_page="../index.html")
        everything[assignment] = (sum(points(source).values()), outcomes)
    page = report.write_class_report(everything, folder)
    print(f"report written to {shown(page)}")


def run_enrol(course, options):
    path = Path(options.roster)
    if not path.is_file():
        raise UsageError(f"no roster at {path}: a CSV file with a header line and an `id` column "
                         f"({', '.join(roster.COLUMNS[1:])} are optional)")
    try:
        students = roster.read(path)
    except roster.RosterError as error:
        raise UsageError(f"{error}; nobody was enrolled") from None
    added, changed, absent = roster.enrol(course, students)
    print(f"enrolled {_students(len(students))} of {path.name}: {len(added)} added, {len(changed)} changed"
          + "".join(f"\n  {what}: {', '.join(ids)}" for what, ids in
                    [("added", added), ("changed", changed),
                     ("in the gradebook but not in the file (make unenrol STUDENT=id removes one)", absent)] if ids))


def run_unenrol(course, options):
    student = options.student
    if student not in course.enrolled_students() | course.not_enrolled():
        raise UsageError(f"unknown student '{student}': not in the gradebook")
    grades = roster.grades_of(course, student)
    if grades and not options.force:
        lost = ", ".join(f"{assignment} ({points:g} points)" for assignment, points in sorted(grades.items()))
        raise UsageError(f"{student} has grades, which unenrolling would delete: {lost}; "
                         f"make unenrol STUDENT={student} FORCE=1 deletes them")
    roster.unenrol(course, student)
    kept = [assignment for assignment in assignment_ids() if course.path("submitted", assignment, student).is_dir()]
    print(f"unenrolled {student}" + (f", and deleted their grades of {', '.join(sorted(grades))}" if grades else "")
          + (f"; their collected submissions of {', '.join(kept)} stay, and count as not enrolled" if kept else ""))


def _assignments(course, requested):
    """The requested assignment, or every released one; an unknown or unreleased one is a usage error."""
    known = assignment_ids()
    released = _released(course)
    if requested is None:
        return [assignment for assignment in known if assignment in released]
    if requested not in known:
        raise UsageError(f"unknown assignment '{requested}': the assignments are {', '.join(known)}")
    if requested not in released:
        raise UsageError(f"'{requested}' is not released in the gradebook ({_database(course.db_url)}): "
                         f"make release ASSIGNMENT={requested}; a new gradebook also needs make enrol")
    return [requested]


def _released(course):
    with Gradebook(course.db_url) as gradebook:
        return {assignment.name for assignment in gradebook.assignments if assignment.notebooks}


def _database(db_url):
    """A gradebook's URL without its password."""
    from sqlalchemy.engine import make_url
    return make_url(db_url).render_as_string(hide_password=True)


def _everyone(course, assignment):
    """Enrolled students and anyone with a collected submission."""
    return sorted(course.enrolled_students() | course.submitted_students(assignment))


def _student(course, assignment, student):
    if student not in _everyone(course, assignment):
        raise UsageError(f"unknown student '{student}': not enrolled, and no submission of {assignment}")
    return student


def _api(course):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory as NbgraderCourseDirectory

    config = course.nbgrader_config()
    api = NbGraderAPI(coursedir=NbgraderCourseDirectory(config=config), config=config)
    api.log = nbgrader_log.LOG  # what matters comes back through nbgrader's captured logs, said once
    return api


def _exchange_feedback(course):
    config = course.config
    return Path(config.Exchange.root) / config.CourseDirectory.course_id / "feedback"


def _summary(assignment, outcomes):
    counts = {state: sum(1 for outcome in outcomes if outcome.state == state) for state in STATES}
    strangers = [f"{o.student} ({o.state})" for o in sorted(outcomes, key=lambda o: o.student) if not o.enrolled]
    return (f"{assignment}: " + ", ".join(f"{counts[state]} {state}" for state in STATES)
            + (f"; not enrolled: {', '.join(strangers)}" if strangers else ""))


def _count(changes, kind):
    return sum(1 for change in changes.values() if change.startswith(kind))


def _students(count):
    return f"{count} student" + ("" if count == 1 else "s")


def _parser():
    parser = argparse.ArgumentParser(prog="python -m autograder.pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name, function, help):
        sub = commands.add_parser(name, help=help)
        sub.set_defaults(command=function, name=f"make {name}")
        return sub

    for name, function, help in [("collect", run_collect, "collect submissions from the exchange (and an LMS zip)"),
                                 ("autograde", run_autograde, "grade every submission, or one student's"),
                                 ("feedback", run_feedback, "feedback pages, released to the exchange"),
                                 ("export", run_export, "grades as CSV, with every student's state"),
                                 ("report", run_report, "an HTML report per assignment and for the class")]:
        sub = command(name, function, help)
        sub.add_argument("assignment", nargs="?", default=None, metavar="ASSIGNMENT")
        if name == "collect":
            sub.add_argument("--lms", metavar="DOWNLOAD.zip", help="an LMS's zip download of the submissions")
            sub.add_argument("-v", "--verbose", action="store_true", help="print nbgrader's log too")
        if name == "export":
            sub.add_argument("--lms", choices=sorted(lms_export.FORMATS),
                             help="also write the CSV this LMS's gradebook import reads")
        if name == "feedback":
            sub.add_argument("--all", action="store_true",
                             help="make every page again (by default: those whose grades or notebook changed)")
        if name == "autograde":
            sub.add_argument("--student", help="regrade this student only; everyone else is left untouched")
            sub.add_argument("--workers", type=int, default=default_workers(),
                             help="grading processes on this machine (default: one per core)")
            sub.add_argument("--scheduler", help="a Dask scheduler's address, to grade on its cluster's workers")
            sub.add_argument("--cell-time-limit", type=int, default=CELL_TIME_LIMIT, metavar="SECONDS",
                             help=f"interrupt a cell after this long (default {CELL_TIME_LIMIT})")
    enrol = command("enrol", run_enrol, "add or update the students of a roster CSV (id, first_name, ...)")
    enrol.add_argument("roster", metavar="ROSTER.csv")
    unenrol = command("unenrol", run_unenrol, "remove a student who has no grades (--force: and their grades)")
    unenrol.add_argument("student", metavar="STUDENT")
    unenrol.add_argument("--force", action="store_true", help="remove them with their grades")
    return parser


if __name__ == "__main__":
    sys.exit(main())
