"""Where the course's parts live, and how the instructor's tools run nbgrader with the course's configuration."""
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIG_DIR = REPO / "autograder"
SOURCE = REPO / "solutions"
RELEASE = REPO / "course"
RUNTIME = CONFIG_DIR / "runtime"  # git-ignored: everything grading and releasing leave behind

_ASSIGNMENT_ID = re.compile(r"^\d\d_[a-z0-9_]+$")


def assignment_ids():
    """The course's assignments, in order: every solutions/NN_topic folder holding NN_topic.ipynb."""
    return sorted(path.name for path in SOURCE.iterdir()
                  if _ASSIGNMENT_ID.match(path.name) and (path / f"{path.name}.ipynb").is_file())


def shown(path):
    """A path as a user of the repository reads it: relative to the repository when it is inside it."""
    path = Path(path)
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def nbgrader_env(config_dir=CONFIG_DIR):
    """The environment nbgrader needs: the course's config, and this Python's bin/ first on PATH (nbgrader runs
    `alembic` from there to create a gradebook)."""
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = str(config_dir)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("MPLBACKEND", "Agg")
    return env


def run_nbgrader(*args, cwd=REPO):
    """Run one nbgrader command; return the CompletedProcess with its combined output as text."""
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=nbgrader_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
