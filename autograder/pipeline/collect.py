"""Collecting submissions: from the exchange (the Assignment List's Submit) and from an LMS's zip download.

The latest submission always wins and an older one never overwrites a newer: nbgrader's collect does that for
the exchange (ExchangeCollect.update, set in nbgrader_config.py), but its zip_collect clears a student's folder
whatever the dates. So zip_collect extracts and names the files into a staging folder, and each student's
staged submission replaces the collected one only when it is newer.

An LMS names each file of its download after the student and the upload time. nbgrader's FileNameCollectorPlugin
reads both with `named_regexp` (nbgrader_config.py sets the form `<anything>_<student>_attempt_<time>_<file>`,
Blackboard's); LmsFileNames also reads Blackboard's `2026-11-20-15-30-00` times, which nbgrader's own date parser
misreads. Without a time in the name, the zip file's own entry time counts.
"""
import glob
import shutil
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from nbgrader.plugins.zipcollect import FileNameCollectorPlugin
from nbgrader.utils import capture_log, parse_utc

from . import nbgrader_log

BLACKBOARD_TIME = "%Y-%m-%d-%H-%M-%S"


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
    """nbgrader's collect: ({student: 'new' | 'updated'} for the submissions it brought in, [warnings])."""
    before = _timestamps(api, assignment)
    result = api.collect(assignment, update=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader collect failed: {nbgrader_log.failure(result)}")
    return _changes(before, _timestamps(api, assignment)), nbgrader_log.warnings(result)


def from_lms(api, assignment, download):
    """Collect an LMS's zip ``download``: ({student: 'new' | 'updated' | 'older, kept the newer'}, [warnings])."""
    from nbgrader.apps import ZipCollectApp

    with tempfile.TemporaryDirectory(prefix="lms-") as scratch:
        scratch = Path(scratch)
        archive = scratch / "downloaded" / assignment / "archive"
        archive.mkdir(parents=True)
        shutil.copy(download, archive)
        staged = scratch / "staged"
        app = ZipCollectApp(coursedir=api.coursedir, parent=api, config=api.config)
        app.force = True
        app.collect_directory_structure = str(scratch / "downloaded" / "{assignment_id}" / "{collect_step}")
        app.collector_plugin = LmsFileNames
        with _submitted_into(api.coursedir, staged):
            app.coursedir.assignment_id = assignment
            result = capture_log(app)
        if not result["success"]:
            raise RuntimeError(f"nbgrader zip_collect failed: {nbgrader_log.failure(result)}")
        warnings = nbgrader_log.warnings(result)
        entry_times = _entry_times(download)
        changes = {}
        for folder in sorted(staged.iterdir()) if staged.is_dir() else []:
            student, submission = folder.name, folder / assignment
            staged_time = _timestamp(submission) or _newest(entry_times, submission)
            target = Path(api.coursedir.format_path(api.coursedir.submitted_directory, student, assignment))
            collected_time = _timestamp(target)
            if collected_time is not None and staged_time <= collected_time:
                changes[student] = "older, kept the newer"
                continue
            changes[student] = "updated" if target.exists() else "new"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(submission, target)
            (target / "timestamp.txt").write_text(staged_time.isoformat(" "))
    return changes, warnings


class _submitted_into:
    """Point the course directory's submitted folder at ``folder`` for a while."""

    def __init__(self, coursedir, folder):
        self.coursedir, self.folder = coursedir, folder

    def __enter__(self):
        self.saved = self.coursedir.submitted_directory
        self.coursedir.submitted_directory = str(self.folder)  # nbgrader adds student and assignment

    def __exit__(self, *exc_info):
        self.coursedir.submitted_directory = self.saved


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


def _entry_times(download):
    with zipfile.ZipFile(download) as archive:
        return {Path(info.filename).name: datetime(*info.date_time, tzinfo=timezone.utc)
                for info in archive.infolist()}


def _newest(entry_times, submission):
    """The latest zip entry time among the files extracted for this submission (they keep their names)."""
    times = [time for name, time in entry_times.items() if any(name.endswith(path.name)
                                                               for path in submission.iterdir())]
    return max(times, default=datetime.now(timezone.utc))
