"""What the instructor's and the students' nbgrader configurations share, written once.

autograder/nbgrader_config.py (the instructor's) and autograder/student/nbgrader_config.py both start with
``load_subconfig`` of this file; traitlets runs it with their ``c``. It is not named like a Jupyter config
file, so no application loads it on its own.
"""
import os
import tempfile
from pathlib import Path

c = get_config()  # noqa: F821 (traitlets provides it)

repo = Path(__file__).resolve().parent.parent
runtime = repo / "autograder" / "runtime"  # git-ignored: gradebook, submissions, feedback, the local exchange

c.CourseDirectory.course_id = "nn-fundamentals"

# An exchange in the runtime folder lets one machine run the whole cycle (release, fetch, submit, collect);
# a shared JupyterHub sets NBGRADER_EXCHANGE to its exchange, usually /srv/nbgrader/exchange.
exchange = os.environ.get("NBGRADER_EXCHANGE")
if not exchange:
    exchange = runtime / "exchange"
    exchange.mkdir(parents=True, exist_ok=True)
c.Exchange.root = str(exchange)

# The student's working folder (git-ignored): the Assignment List fetches into it and submits from it, and
# it treats my-work/<id>, copied there from course/ by `make lab`, as the fetched assignment. course/ is the
# committed release and never a working copy. `python -m autograder.lab --work DIR` points it elsewhere; a hub
# sets "~", the home of the user whose server reads this.
c.Exchange.assignment_dir = os.path.expanduser(os.environ.get("COURSE_WORK_DIR") or str(repo / "my-work"))

# Training a small Keras model takes about 11 s on 2 cores; leave room for a loaded grading machine (and for
# Validate, which runs the same notebooks).
c.Execute.timeout = 120

# Kernels talk to nbgrader over Unix sockets, not TCP: concurrent gradings then cannot race for the same port
# (seen as "Address already in use" and a kernel that never answers). The socket path must be absolute (the
# kernel runs in the notebook's folder) and differ per process (socket names are numbered per path).
c.KernelManager.transport = "ipc"
c.KernelManager.ip = os.path.join(tempfile.gettempdir(), f"nbgrader-kernel-{os.getpid()}")
