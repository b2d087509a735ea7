"""Which assignment a submitted file belongs to, told by the release's cells in it, never by its name alone.

A copy of a released notebook keeps its cells' ids and nbgrader's checksums of its locked cells (notebooks.marks).
The marks that several releases share (the header every notebook starts with) say nothing; the others tie a
notebook to one assignment: it belongs to the one whose marks it holds most of, and to none when it holds none.
A file that is no readable notebook (cut short, empty, a .txt) belongs to the assignment its name names, if any.
"""
import functools
import glob
import re
from collections import Counter
from pathlib import Path
from warnings import catch_warnings, simplefilter

import nbformat

from ..notebooks import answers_changed, marks

_ASSIGNMENT_ID = re.compile(r"\d\d_[a-z0-9_]+")


class Releases:
    """The released notebooks of a course directory, and what tells them apart."""

    def __init__(self, course):
        paths = [Path(path) for path in glob.glob(str(course.notebook_path("release", "*")))]
        self.notebooks = {path.stem: _read_once(path, path.stat().st_mtime_ns) for path in sorted(paths)
                          if path.parent.name == path.stem}
        own = {assignment: marks(nb) for assignment, nb in self.notebooks.items()}
        shared = Counter(mark for found in own.values() for mark in found)
        self._marks = {assignment: {mark for mark in found if shared[mark] == 1} for assignment, found in own.items()}

    def assignment_of(self, nb):
        """The assignment whose release ``nb`` is a copy of, or None."""
        found = marks(nb)
        held = {assignment: len(own & found) for assignment, own in self._marks.items()}
        best = max(held, key=held.get, default=None)
        return best if best is not None and held[best] > 0 else None

    def named_in(self, file_name):
        """The released assignment that a file's name names (`01_dot_products (1).ipynb`), or None."""
        named = [word for word in _ASSIGNMENT_ID.findall(file_name) if word in self.notebooks]
        return named[0] if named else None

    def answers_changed(self, nb, assignment):
        return answers_changed(nb, self.notebooks[assignment])


def read_notebook(path):
    """(the notebook, None) or (None, what the file is instead, in a few words)."""
    path = Path(path)
    if path.stat().st_size == 0:
        return None, "an empty file"
    try:
        with catch_warnings():  # nbformat renames a duplicated cell id and says so on stderr
            simplefilter("ignore")
            return nbformat.read(path, as_version=4), None
    except nbformat.reader.NotJSONError:
        return None, "not valid JSON: the file was cut short, or is not a notebook"
    except Exception as error:  # valid JSON, but not a notebook's structure
        first = (str(error).strip() or type(error).__name__).splitlines()[0][:120]
        return None, f"not a notebook nbformat can read ({first})"


@functools.lru_cache(maxsize=16)
def _read_once(path, version):
    """A release's notebook, read once per version of the file (a worker grades many students with it)."""
    return read_notebook(path)[0]
