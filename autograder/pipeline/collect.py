"""Collecting submissions: from the exchange (the Assignment List's Submit) and from an LMS's zip download.

The latest submission always wins and an older one never overwrites a newer: nbgrader's collect does that for
the exchange (ExchangeCollect.update, set in nbgrader_config.py). An LMS's download may hold uploads of several
assignments, and a student may upload one assignment's notebook for another, so each upload is filed under the
assignment its notebook belongs to (identify.py), whatever the download was asked for; an upload that belongs to
none is reported, not filed. Each student's newest upload for an assignment replaces the collected submission only
when it is newer.

An LMS names each file of its download after the student and the upload time. nbgrader's FileNameCollectorPlugin
reads both with `named_regexp` (nbgrader_config.py sets Blackboard's form
`<assignment name>_<student>_attempt_<time>_<file>`); LmsFileNames also reads Blackboard's `2026-11-20-15-30-00`
times, which nbgrader's own date parser misreads. Without a time in the name, the zip file's own entry time counts.
An LMS assignment name holding "_" (`Homework_1`) makes the name ambiguous: a student id read that way that is not
on the roster, but ends in `_<id>` of one who is, is read as theirs. Blackboard's record of each attempt
(`..._attempt_<time>.txt`, without a file name) is no upload, and is passed over.
"""
import glob
import getpass
import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from nbgrader.plugins.zipcollect import FileNameCollectorPlugin
from nbgrader.utils import parse_utc

from . import nbgrader_log
from .identify import read_notebook

BLACKBOARD_TIME = "%Y-%m-%d-%H-%M-%S"
_RECEIPT = re.compile(r"_attempt_\d{4}(?:-\d\d){5}\.txt$")  # Blackboard's record of an attempt, not an upload
_OWNER = re.compile(r"claims to be submitted by (?P<student>\S+) but is owned by (?P<owner>[^;]+);")


class BadDownload(Exception):
    """An LMS download that cannot be read: said in one sentence."""


class LmsFileNames(FileNameCollectorPlugin):
    """nbgrader's collector, reading Blackboard's dashed times too."""

    def collect(self, submitted_file):
        found = super().collect(submitted_file)
        if found and found.get("timestamp"):
            try:
                found["timestamp"] = datetime.strptime(found["timestamp"], BLACKBOARD_TIME).isoformat(" ")
            except ValueError:
                pass  # another form: nbgrader parses it
        return found


def from_exchange(api, assignment):
    """nbgrader's collect: ({student: 'new' | 'updated'} for the submissions it brought in, [warnings], its log)."""
    before = _timestamps(api, assignment)
    result = api.collect(assignment, update=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader collect failed: {nbgrader_log.failure(result)}")
    warnings = [_worth_saying(warning) for warning in nbgrader_log.warnings(result)]
    return _changes(before, _timestamps(api, assignment)), list(filter(None, warnings)), result.get("log", "")


def _worth_saying(warning):
    """A warning of nbgrader's collect in a line of the instructor's, or None for one the summary already says
    ("No submissions ... to collect") or that says nothing: "cheating attempt?" where every student submits as the
    grader's own account (one machine, one account)."""
    if warning.startswith("No submissions of"):
        return None
    match = _OWNER.search(warning)
    if not match:
        return warning
    owner = match["owner"].strip()
    return None if owner == getpass.getuser() else \
        f"{match['student']}'s submission was made by the Unix user {owner}, not by {match['student']}"


def from_lms(api, download, releases, released, fallback=None, enrolled=frozenset()):
    """File the uploads of an LMS's zip ``download`` under the ``released`` assignments they belong to; an upload
    that identify.py cannot tie to one goes by the assignment its name names, the one its other files went to, or
    ``fallback``. A student id is read with the ids ``enrolled`` (see above). ({assignment: {student: 'new' | 'updated' | 'older, kept the newer'}}, [lines the instructor
    should read: an upload not collected, one named after another assignment than its notebook's])."""
    uploads, said = _uploads(download, LmsFileNames(parent=api, config=api.config), enrolled)
    changes = defaultdict(dict)
    with tempfile.TemporaryDirectory(prefix="lms-") as scratch:
        attempts = defaultdict(list)  # (student, assignment): [(time, [files])], one entry per upload
        for number, ((student, time), files) in enumerate(sorted(uploads.items())):
            by_assignment = _file_by_assignment(files, Path(scratch) / str(number), releases, fallback)
            for assignment, paths in by_assignment.items():
                if assignment is None:
                    said += [f"not collected: {student}: {path.name} belongs to no assignment" for path in paths]
                elif assignment not in released:
                    said += [f"not collected: {student}: {path.name} is the notebook of {assignment}, not released"
                             for path in paths]
                else:
                    attempts[student, assignment].append((time, paths))
                    said += [f"{student}: {path.name} is the notebook of {assignment}, and was collected for it"
                             for path in paths if releases.named_in(path.name) not in (None, assignment)]
        for (student, assignment), found in sorted(attempts.items()):
            time, paths = max(found, key=lambda attempt: attempt[0])
            changes[assignment][student] = _replace(api, student, assignment, time, paths)
    return dict(changes), said


def _uploads(download, names, enrolled=frozenset()):
    """({(student, time): {file name: bytes}}, [lines for the files whose name is not the LMS's form])."""
    if not zipfile.is_zipfile(download):
        raise BadDownload(f"{download} is not a zip file")
    with zipfile.ZipFile(download) as archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        if not entries:
            raise BadDownload(f"{download} is empty: it holds no file")
        uploads, unnamed = defaultdict(dict), []
        for info in entries:
            name = Path(info.filename).name
            if _RECEIPT.search(name):
                continue
            found = names.collect(name)
            if not found:
                unnamed.append(name)
                continue
            time = parse_utc(found["timestamp"]) if found.get("timestamp") else datetime(*info.date_time)
            student = _on_the_roster(found["student_id"], enrolled)
            uploads[student, time.replace(tzinfo=timezone.utc)][found["file_id"]] = archive.read(info)
    if not uploads:
        raise BadDownload(f"no file in {download} is named as the LMS names an upload "
                          f"(FileNameCollectorPlugin.named_regexp in autograder/nbgrader_config.py), "
                          f"for example {unnamed[0]!r}")
    return uploads, [f"not collected: {name}: not named as the LMS names an upload" for name in unnamed]


def _on_the_roster(student, enrolled):
    """``student`` as read from a file name; or, when it is not enrolled, the longest enrolled id it ends in after
    a "_" (the rest was the end of an LMS assignment name holding "_")."""
    if student in enrolled:
        return student
    parts = student.split("_")
    return next((tail for tail in ("_".join(parts[i:]) for i in range(1, len(parts))) if tail in enrolled), student)


def _file_by_assignment(files, folder, releases, fallback):
    """{assignment or None: [paths]} for the files of one upload, written into ``folder``."""
    folder.mkdir(parents=True)
    belongs, unknown = defaultdict(list), []
    for name, data in files.items():
        path = folder / Path(name).name
        path.write_bytes(data)
        nb, _ = read_notebook(path) if path.suffix == ".ipynb" else (None, None)
        assignment = (releases.assignment_of(nb) if nb is not None else None) or releases.named_in(path.name)
        (belongs[assignment].append(path) if assignment else unknown.append(path))
    if unknown:  # a file beside an upload's notebooks goes with them; alone, where the download was asked for
        belongs[next(iter(belongs)) if len(belongs) == 1 else fallback] += unknown
    return belongs


def _replace(api, student, assignment, time, paths):
    target = Path(api.coursedir.format_path(api.coursedir.submitted_directory, student, assignment))
    collected_time = _timestamp(target)
    if collected_time is not None and time <= collected_time:
        return "older, kept the newer"
    change = "updated" if target.exists() else "new"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for path in paths:
        shutil.copyfile(path, target / path.name)
    (target / "timestamp.txt").write_text(time.isoformat(" "))
    return change


def _timestamps(api, assignment):
    pattern = api.coursedir.format_path(api.coursedir.submitted_directory, "*", assignment)
    return {Path(folder).parent.name: _timestamp(folder) for folder in glob.glob(pattern)}


def _changes(before, after):
    return {student: ("new" if student not in before else "updated") for student, time in after.items()
            if student not in before or (time is not None and before[student] != time)}


def _timestamp(folder):
    """When the submission in ``folder`` was made (its timestamp.txt), in UTC; None without one."""
    path = Path(folder) / "timestamp.txt"
    if not path.is_file():
        return None
    return parse_utc(path.read_text().strip()).replace(tzinfo=timezone.utc)
