"""A copy of the course's release inputs (solutions/, course/, autograder/) in which `make release` and the
instructor's nbgrader commands can run without touching the repository or its gradebook."""
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.course import REPO, nbgrader_env


# What JupyterLab adds next to a notebook it opened in course/ (git-ignored).
NOT_RELEASED = {".ipynb_checkpoints"}


def make_copy(root):
    root = Path(root)
    ignore = shutil.ignore_patterns("runtime", "__pycache__", *NOT_RELEASED)
    for folder in ("solutions", "course", "autograder"):
        shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    return root


def run(root, *command, exchange, config="autograder"):
    """Run a Python module of the copy (``-m autograder.release``, ``-m nbgrader ...``) with its own
    configuration: the instructor's, or the students' with ``config="autograder/student"``."""
    # JUPYTER_DATA_DIR keeps nbgrader's per-user cache of submissions in the copy, not in the tester's home.
    env = dict(nbgrader_env(root / config), NBGRADER_EXCHANGE=str(exchange),
               JUPYTER_DATA_DIR=str(root / "jupyter-data"))
    env.pop("COURSE_WORK_DIR", None)  # the copy's own my-work/, even when run from a `make lab` terminal
    return subprocess.run([sys.executable, "-m", *command], cwd=root, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def tree(folder):
    """{relative path: bytes} of every file below ``folder``."""
    folder = Path(folder)
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and not NOT_RELEASED & set(path.relative_to(folder).parts)}
