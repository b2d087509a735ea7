"""The course's one nbgrader configuration.

Every nbgrader command, every make target and JupyterLab's nbgrader extensions find this file through
JUPYTER_CONFIG_PATH (the Makefile sets it). Paths are derived from this file's location, so the course works
from any clone; the test suite grades in scratch copies by overriding CourseDirectory.root and db_url on the
command line.
"""
import os
import tempfile
from pathlib import Path

c = get_config()  # noqa: F821 (traitlets provides it)

here = Path(__file__).resolve().parent
repo = here.parent
runtime = here / "runtime"  # git-ignored: gradebook, submissions, autograded copies, feedback, exchange
runtime.mkdir(exist_ok=True)  # the gradebook's folder must exist before nbgrader or the formgrader opens it

c.CourseDirectory.course_id = "nn-fundamentals"
c.CourseDirectory.root = str(repo)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.submitted_directory = "autograder/runtime/submitted"
c.CourseDirectory.autograded_directory = "autograder/runtime/autograded"
c.CourseDirectory.feedback_directory = "autograder/runtime/feedback"
c.CourseDirectory.db_url = f"sqlite:///{runtime / 'gradebook.db'}"

# An exchange in the runtime folder lets one machine run the whole cycle (release, fetch, submit, collect);
# a shared JupyterHub sets NBGRADER_EXCHANGE to its exchange, usually /srv/nbgrader/exchange.
exchange = os.environ.get("NBGRADER_EXCHANGE")
if not exchange:
    exchange = runtime / "exchange"
    exchange.mkdir(exist_ok=True)
c.Exchange.root = str(exchange)
# Students work in course/: the Assignment List treats course/<id> as the fetched copy and submits it.
c.Exchange.assignment_dir = str(repo / "course")

# Every released notebook starts with the same "how to work, validate and submit" cells.
c.IncludeHeaderFooter.header = str(here / "header.ipynb")

# Training a small Keras model takes about 11 s on 2 cores; leave room for a loaded grading machine.
c.Execute.timeout = 120

# Feedback shows a student their failures, never the hidden tests themselves.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Kernels talk to nbgrader over Unix sockets, not TCP: concurrent gradings then cannot race for the same port
# (seen as "Address already in use" and a kernel that never answers). The socket path must be absolute (the
# kernel runs in the notebook's folder) and differ per process (socket names are numbered per path).
c.KernelManager.transport = "ipc"
c.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"nbgrader-kernel-{os.getpid()}")
