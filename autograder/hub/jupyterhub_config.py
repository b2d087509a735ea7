"""The course on a JupyterHub of one machine (The Littlest JupyterHub, or any JupyterHub whose users' servers run
on the hub's machine): which configuration each user's server reads, what it serves, and the exchange they share.

Students get the students' configuration, autograder/student/, exactly as `make lab` does: Validate and the
Assignment List, and neither the formgrader, the course list nor the Create Assignment toolbar. Their server
serves their home folder, which is where the Assignment List fetches to and submits from. Members of the hub's
group `instructors` get the instructor's configuration, autograder/, on this repository, as `make instructor`
does: every nbgrader tool, and a terminal in which to run the course's commands (`make release`, `make collect`,
...). Both name the same exchange, so what the instructor releases is what the students fetch.

Load this file, from the instructor's clone, in the hub's own configuration:
    The Littlest JupyterHub: a file in /opt/tljh/config/jupyterhub_config.d/ holding one line,
        load_subconfig("/srv/nn-course/autograder/hub/jupyterhub_config.py")
    any other JupyterHub: the same line in its jupyterhub_config.py, or `jupyterhub -f` this file.
Adapt: the exchange (NBGRADER_EXCHANGE in the hub's environment, or EXCHANGE below); who is in the group
`instructors` (the hub's admin page, or c.JupyterHub.load_groups). Every user's server must run a Python 3.11
that has this course installed (README: "A class on a JupyterHub").
"""
import os
from pathlib import Path

c = get_config()  # noqa: F821 (traitlets provides it)

REPO = Path(__file__).resolve().parent.parent.parent  # the instructor's clone, readable by every user
# Writable by every user (nbgrader's exchange keeps each student's submissions apart by name and time).
EXCHANGE = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
INSTRUCTORS = "instructors"  # the hub group whose members get the instructor's server

c.Spawner.default_url = "/lab"


def serve_by_role(spawner):
    """Give the server about to start the configuration and folder of its user's role in the course."""
    if any(group.name == INSTRUCTORS for group in spawner.user.groups):
        config, root, work = REPO / "autograder", str(REPO), {}
    else:
        # "~" is expanded by the server, as its user: the home the spawner gave it, whichever spawner that is.
        config, root, work = REPO / "autograder" / "student", "~", {"COURSE_WORK_DIR": "~"}
    spawner.environment = {**spawner.environment, "JUPYTER_CONFIG_PATH": str(config),
                           "NBGRADER_EXCHANGE": EXCHANGE, **work}
    spawner.notebook_dir = root


c.Spawner.pre_spawn_hook = serve_by_role
