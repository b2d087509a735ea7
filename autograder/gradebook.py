"""A course directory that nbgrader grades in, and what nbgrader decided, read back from it.

The course's own directory (the repository, with the gradebook in autograder/runtime/) and a scratch copy made
by the test suite are the same thing to this module: only the root and the gradebook's location differ.
"""
import glob
import json
import shutil
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory as NbgraderCourseDirectory
from traitlets.config.loader import PyFileConfigLoader

from .course import CONFIG_DIR, SOURCE, run_nbgrader
from .notebooks import grade_id, is_test


class CourseDirectory:
    """An nbgrader course directory: the course's own, or a scratch copy with its own gradebook."""

    def __init__(self, root, db_url=None):
        config = PyFileConfigLoader("nbgrader_config.py", path=str(CONFIG_DIR)).load_config()
        self.root = Path(root)
        self.config = config
        self.db_url = db_url or config.CourseDirectory.db_url
        self._dirs = NbgraderCourseDirectory(config=config, root=str(self.root))

    @classmethod
    def scratch(cls, root, assignments):
        """A new course directory under ``root`` holding a copy of these assignments' sources."""
        root = Path(root)
        for assignment in assignments:
            shutil.copytree(SOURCE / assignment, root / "solutions" / assignment)
        return cls(root, db_url=f"sqlite:///{root / 'gradebook.db'}")

    def copy(self, root):
        """An independent copy of this course directory (its gradebook included) at ``root``."""
        shutil.copytree(self.root, root)
        return type(self)(root, db_url=self.db_url.replace(str(self.root), str(root)))

    def nbgrader(self, command, *args):
        """Run an nbgrader command on this directory; raise with nbgrader's output if it fails."""
        result = run_nbgrader(command, *args, f"--CourseDirectory.root={self.root}",
                              f"--CourseDirectory.db_url={self.db_url}", cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"nbgrader {command} {' '.join(args)} failed:\n{result.stdout}")
        return result.stdout

    def path(self, step, assignment, student="."):
        """The folder of one nbgrader step ('source', 'release', 'submitted', 'autograded', 'feedback')."""
        return Path(self._dirs.format_path(getattr(self._dirs, f"{step}_directory"), student, assignment))

    def nbgrader_config(self):
        """The course's nbgrader configuration, pointed at this directory and its gradebook: for nbgrader's
        applications run in this process."""
        config = self.config.copy()
        config.CourseDirectory.root = str(self.root)
        config.CourseDirectory.db_url = self.db_url
        return config

    def enrolled_students(self):
        """The students of the gradebook that enrolment put there (a roster, or the formgrader), not those that
        grading added because they submitted without being enrolled."""
        with Gradebook(self.db_url) as gradebook:
            return {student.id for student in gradebook.students} - self.not_enrolled()

    def not_enrolled(self):
        """The students whom grading added to the gradebook, having submitted without being enrolled."""
        path = self._not_enrolled_path()
        return set(json.loads(path.read_text())) if path.is_file() else set()

    def set_not_enrolled(self, students):
        path = self._not_enrolled_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sorted(students)) + "\n")

    def _not_enrolled_path(self):
        return self._runtime / "not-enrolled.json"

    def submitted_students(self, assignment):
        """The students with a collected submission of ``assignment``."""
        return {Path(folder).parent.name for folder in glob.glob(str(self.path("submitted", assignment, "*")))}

    def outcome_path(self, assignment, student):
        """Where the grading pipeline keeps what it made of a student's submission (pipeline/outcomes.py)."""
        return self._runtime / "outcomes" / assignment / f"{student}.json"

    @property
    def _runtime(self):
        """Where the pipeline keeps what nbgrader has no place for: beside the autograded folder."""
        return self.root / Path(self._dirs.autograded_directory).parent  # autograder/runtime

    def notebook(self, step, assignment, student="."):
        """The assignment's notebook at one step, for example the 'source', the 'release' or a student's
        'autograded' copy."""
        return nbformat.read(self.notebook_path(step, assignment, student), as_version=4)

    def notebook_path(self, step, assignment, student="."):
        return self.path(step, assignment, student) / f"{assignment}.ipynb"

    def submit(self, student, assignment, nb):
        """Place ``nb`` as this student's submission, as `nbgrader collect` would."""
        folder = self.path("submitted", assignment, student)
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / f"{assignment}.ipynb")

    def scores(self, assignment, student):
        """{grade_id: (score, max_score)} for every graded cell of the student's submission."""
        with Gradebook(self.db_url) as gradebook:
            submission = gradebook.find_submission(assignment, student)
            return {grade.name: (grade.score, grade.max_score)
                    for notebook in submission.notebooks for grade in notebook.grades}

    def awaiting_review(self, assignment, student):
        """Whether a cell of the student's submission still needs a manual grade (grading held it for a person;
        saving a grade in the formgrader clears it)."""
        with Gradebook(self.db_url) as gradebook:
            try:
                submission = gradebook.find_submission(assignment, student)
            except MissingEntry:  # held before nbgrader could grade it: nothing for the formgrader to show
                return True
            grades = [grade for notebook in submission.notebooks for grade in notebook.grades]
            return not grades or any(grade.needs_manual_grade for grade in grades)

    def messages(self, assignment, student):
        """{grade_id: what the test cell wrote to the student (errors and stderr)} for each test cell."""
        found = {}
        for path in sorted(self.path("autograded", assignment, student).glob("*.ipynb")):
            for cell in nbformat.read(path, as_version=4).cells:
                if is_test(cell):
                    found[grade_id(cell)] = "\n".join(_text(output) for output in cell.outputs)
        return found


def _text(output):
    if output.output_type == "error":
        return f"{output.ename}: {output.evalue}"
    if output.output_type == "stream":
        return f"[{output.name}] {output.text}"
    return f"[{output.output_type}] {output.get('data', {}).get('text/plain', '')}"
