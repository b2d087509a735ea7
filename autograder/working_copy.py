"""The student's working folder, my-work/: filled from course/ without ever overwriting their work.

course/ is the committed release, so `git pull` updates it freely; a student's work lives only in the
git-ignored working folder. Each `make lab` brings the folder up to date with course/:

- a file missing from the working folder is copied there (a new assignment, or a notebook the student deleted
  to start again);
- a file the student has not changed since it was copied is replaced by a newer release;
- a newer release of a file the student HAS changed is put beside it, as
  ``NAME (release of YYYY-MM-DD).ipynb``, once, and the student is told;
- anything else in the working folder (their own files, the Assignment List's feedback) is left alone.

"Not changed since it was copied" is decided by a record of what was copied, a SHA-256 per file, kept in the
working folder itself (hidden from JupyterLab's file browser) so that it moves and is deleted with the work.
"""
import datetime
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

RECORD = ".course-releases.json"
_NOT_RELEASED = {".ipynb_checkpoints", "__pycache__"}


@dataclass
class Changes:
    """What one update did, as paths relative to the working folder."""
    copied: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    beside: dict = field(default_factory=dict)  # {the student's file: the newer release put next to it}

    def lines(self, work_name):
        """What the student should read: a line for the files copied, one for those updated, and one for each
        newer release put beside a started notebook."""
        found = []
        if self.copied:
            found.append(f"copied into {work_name}/: {', '.join(self.copied)}")
        if self.updated:
            found.append(f"updated in {work_name}/ to the newer release (you had not changed them): "
                         f"{', '.join(self.updated)}")
        for mine, newer in self.beside.items():
            found.append(f"a newer release of {work_name}/{mine}, which you have started, is beside it: "
                         f"{work_name}/{newer}")
        return found


def update(course, work):
    """Bring the working folder ``work`` up to date with the release ``course``; return the Changes."""
    course, work = Path(course), Path(work)
    work.mkdir(parents=True, exist_ok=True)
    record = _read_record(work)
    changes = Changes()
    for release in _released_files(course):
        name = release.relative_to(course).as_posix()
        mine, released, entry = work / name, _sha256(release), record.get(name)
        action = _action(_sha256(mine) if mine.exists() else None, released, entry)
        if action in ("copy", "replace"):
            _copy(release, mine)
            (changes.copied if action == "copy" else changes.updated).append(name)
        if action in ("copy", "replace", "same"):
            record[name] = {"copied": released, "offered": released}
        elif action == "beside":
            newer = _free_name(mine, datetime.date.today())
            _copy(release, newer)
            changes.beside[name] = newer.relative_to(work).as_posix()
            record[name] = {"copied": entry["copied"] if entry else None, "offered": released}
    _write_record(work, record)
    return changes


def _action(current, released, entry):
    """What to do with one released file, given the student's copy's hash (None: there is none) and the
    record of what was copied and offered for it (None: nothing recorded, so any difference is their work)."""
    if current is None:
        return "copy"
    if current == released:
        return "same"
    if entry and current == entry["copied"]:
        return "replace"  # untouched since it was copied
    if entry and entry["offered"] == released:
        return "already offered"
    return "beside"


def _released_files(course):
    return sorted(path for path in course.rglob("*")
                  if path.is_file() and not _NOT_RELEASED & set(path.relative_to(course).parts))


def _free_name(mine, day):
    """``01_dot_products (release of 2026-11-23).ipynb`` beside ``mine``, numbered if that name is taken."""
    candidate = mine.with_name(f"{mine.stem} (release of {day.isoformat()}){mine.suffix}")
    number = 2
    while candidate.exists():
        candidate = mine.with_name(f"{mine.stem} (release of {day.isoformat()}, {number}){mine.suffix}")
        number += 1
    return candidate


def _copy(source, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _read_record(work):
    path = work / RECORD
    return json.loads(path.read_text()) if path.exists() else {}


def _write_record(work, record):
    (work / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
