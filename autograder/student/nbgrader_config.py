"""The students' nbgrader configuration: Validate and the Assignment List in `make lab`, `make validate`, and a
student's server on a JupyterHub (autograder/hub/).

`make lab` puts this folder, not autograder/, on JUPYTER_CONFIG_PATH. Students share the course id, the
exchange, the working folder and how kernels run with the instructor (shared_nbgrader_config.py); they have no
gradebook and no source notebooks.
"""
import getpass
import os
from pathlib import Path

c = get_config()  # noqa: F821 (traitlets provides it)
load_subconfig("shared_nbgrader_config.py", path=str(Path(__file__).resolve().parent.parent))  # noqa: F821

# nbgrader names a student by their Unix account, and reads JUPYTERHUB_USER only for an account called jovyan. On a
# hub whose servers all run as one account, the hub's user name is the student's: such a hub sets
# COURSE_SHARED_ACCOUNT (autograder/hub/demo_config.py does).
if os.environ.get("COURSE_SHARED_ACCOUNT") and os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]

# nbgrader remembers what a student submitted, and fetches feedback for it, from a cache that is per Unix account
# by default (~/.local/share/jupyter/nbgrader_cache): on a shared account (`make hub`, a lab machine's) every
# student's Assignment List would show everyone's submissions, and Fetch Feedback would fetch everyone's pages.
# The cache is kept per course and per student instead, in the course's runtime folder. Where that folder is
# not writable (the instructor's clone on a hub whose students are Unix users), nbgrader's own per-user cache
# is already per student.
runtime = Path(__file__).resolve().parent.parent / "runtime"
if os.access(runtime, os.W_OK):
    student = c.CourseDirectory.student_id if "student_id" in c.CourseDirectory else getpass.getuser()
    c.Exchange.cache = str(runtime / "nbgrader_cache" / student)
