"""The instructor's nbgrader configuration: release, collect, autograde, feedback, export and the formgrader.

Every instructor's nbgrader command, make target and `make instructor`'s JupyterLab find this file through
JUPYTER_CONFIG_PATH (the Makefile sets it). What students need too (course id, exchange, kernels) is in
shared_nbgrader_config.py; the students' own configuration is in student/. Paths are derived from this file's
location, so the course works from any clone; the test suite grades in scratch copies by overriding
CourseDirectory.root and db_url on the command line.
"""
import warnings
from pathlib import Path

import nbgrader

c = get_config()  # noqa: F821 (traitlets provides it)
load_subconfig("shared_nbgrader_config.py")  # noqa: F821 (traitlets provides it; same folder as this file)

here = Path(__file__).resolve().parent
repo = here.parent
runtime = here / "runtime"  # git-ignored: gradebook, submissions, autograded copies, feedback, exchange
runtime.mkdir(exist_ok=True)  # the gradebook's folder must exist before nbgrader or the formgrader opens it

c.CourseDirectory.root = str(repo)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.submitted_directory = "autograder/runtime/submitted"
c.CourseDirectory.autograded_directory = "autograder/runtime/autograded"
c.CourseDirectory.feedback_directory = "autograder/runtime/feedback"
c.CourseDirectory.db_url = f"sqlite:///{runtime / 'gradebook.db'}"

# Every released notebook starts with the same "how to work, validate and submit" cells, naming its assignment.
c.IncludeCourseHeader.header = str(here / "header.ipynb")
c.GenerateAssignment.preprocessors = [
    "autograder.preprocessors.IncludeCourseHeader",
    *(f"nbgrader.preprocessors.{name}" for name in [
        "InstantiateTests", "LockCells", "ClearSolutions", "ClearOutput", "CheckCellMetadata", "ComputeChecksums",
        "SaveCells", "ClearHiddenTests", "ClearMarkScheme", "ComputeChecksums", "CheckCellMetadata"]),
]

# The last submission counts: collecting again replaces a collected submission with a newer one, never with an
# older one (without this, nbgrader keeps the first and says "use --update").
c.ExchangeCollect.update = True

# nbgrader's gradebook makes SQLAlchemy warn on every new submission ("Object of type <SubmittedAssignment> not
# in session"): harmless, and it hid the warnings that matter.
warnings.filterwarnings("ignore", message=r"Object of type <Submitted\w+> not in session")

# Locked cells are put back as nbgrader does, warning only about those the student changed.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "autograder.preprocessors.RestoreLockedCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Grading runs what the tests need: cells tagged "demo" only demonstrate, and no test depends on them.
# Every test cell is sealed, so that a test whose code did not run as written is caught (preprocessors.py).
c.Autograde.autograde_preprocessors = [
    "autograder.preprocessors.SkipDemonstrations",
    "autograder.preprocessors.SealTestCells",
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "autograder.preprocessors.CheckSeals",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Feedback shows a student their failures, never the hidden tests themselves.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "autograder.preprocessors.TrimHiddenTracebacks",  # while the hidden-test markers are still there
    "autograder.preprocessors.ClearHiddenTestsOfTestCells",
    "autograder.preprocessors.SummariseExercises",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# The page's summary lists scores per exercise and what each test checks; the rest is nbgrader's own page.
c.HTMLExporter.template_name = "course_feedback"  # extends nbgrader's "feedback" (its conf.json says so)
c.HTMLExporter.template_file = "course_feedback.html.j2"
c.HTMLExporter.extra_template_basedirs = [
    str(here / "templates"),
    str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"),
]
# MathJax inside the page, not from a CDN: formulas render offline (offline_math.py, course_feedback/mathjax.html.j2).
c.HTMLExporter.filters = {"mathjax_component": "autograder.offline_math.mathjax_component"}

# An LMS's zip download (`make collect LMS=download.zip`): each file's name holds the student's id and the upload
# time, in Blackboard's form `<assignment name>_<student id>_attempt_<YYYY-MM-DD-HH-MM-SS>_<file name>`. The
# pattern is matched against the file's name; anchored on the assignment name (which holds no "_") and on
# "_attempt_<time>_", it reads a student id that holds "_" (jo_smith) whole. For another LMS, change the pattern;
# it needs the groups student_id and file_id, and timestamp where it can.
c.FileNameCollectorPlugin.named_regexp = (
    r"^[^_]+_(?P<student_id>.+?)_attempt_(?P<timestamp>\d{4}(?:-\d\d){5})_(?P<file_id>.+)$")
# Whatever a student uploaded is collected, so that grading can say what it was instead of skipping it.
c.FileNameCollectorPlugin.valid_ext = [".ipynb", ".py", ".txt", ".json", ".html", ".pdf", ".zip", ".md"]
