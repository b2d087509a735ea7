"""`make lab` and `make instructor`: JupyterLab in the student's mode or in the instructor's.

    python -m autograder.lab student|instructor [--work DIR] [--port N] [--token T] [--no-browser]

student     brings the working folder (my-work/, git-ignored) up to date with course/ (see working_copy.py)
            and serves only that folder, with the students' configuration, autograder/student/: nbgrader's
            Validate button and Assignment List, and neither the formgrader, the course list nor the
            "Create Assignment" cell toolbar (off in the server and in the page). solutions/ is outside the
            server's root, so the file browser cannot open it.
instructor  serves the repository with the instructor's configuration, autograder/: every nbgrader tool. The
            formgrader needs the course's root inside the server's root.

Both run nbgrader's Assignment List on the same working folder (``--work``, my-work/ by default), which the
configurations read from COURSE_WORK_DIR. The process becomes JupyterLab (exec), so stopping it stops the server.
"""
import argparse
import os
import sys
from pathlib import Path

from . import working_copy
from .course import CONFIG_DIR, RELEASE, REPO, shown

STUDENT_CONFIG_DIR = CONFIG_DIR / "student"
WORK = REPO / "my-work"
MAKE_VARIABLES = {"MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES", "MAKE_TERMOUT", "MAKE_TERMERR"}


def main(argv=None):
    args = parse_arguments(argv)
    work = Path(args.work).resolve()
    if args.mode == "student":
        for line in working_copy.update(RELEASE, work).lines(shown(work)):
            print(line, flush=True)
        config_dir, root = STUDENT_CONFIG_DIR, work
    else:
        config_dir, root = CONFIG_DIR, REPO
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}"]
    if args.port:
        command += [f"--ServerApp.port={args.port}", "--ServerApp.port_retries=0"]
    if args.token is not None:
        command.append(f"--IdentityProvider.token={args.token}")
    if args.no_browser:
        command.append("--ServerApp.open_browser=False")
    if os.geteuid() == 0:  # Jupyter refuses to run as root unless told, which containers often are
        command.append("--allow-root")
    os.execve(sys.executable, command, lab_environment(config_dir, work))


def lab_environment(config_dir, work):
    """This process's environment with the mode's configuration folder and the working folder.

    This Python's bin/ goes first on PATH: the formgrader runs `alembic` from there to create the gradebook.
    make's own variables are left out: JupyterLab's terminals would inherit them, and every `make` typed there
    would then act as a sub-make ("Entering directory ...")."""
    env = {name: value for name, value in os.environ.items() if name not in MAKE_VARIABLES}
    env.update(JUPYTER_CONFIG_PATH=str(config_dir), COURSE_WORK_DIR=str(work))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m autograder.lab", description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["student", "instructor"])
    parser.add_argument("--work", default=WORK, help="the student's working folder (default: my-work/)")
    parser.add_argument("--port", type=int, help="serve on this port, and fail if it is taken")
    parser.add_argument("--token", help="the token that opens the server (default: a random one)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
