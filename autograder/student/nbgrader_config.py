"""The students' nbgrader configuration: Validate and the Assignment List in `make lab`, and `make validate`.

`make lab` puts this folder, not autograder/, on JUPYTER_CONFIG_PATH. Students share the course id, the
exchange, the working folder and how kernels run with the instructor (shared_nbgrader_config.py); they have no
gradebook and no source notebooks.
"""
from pathlib import Path

c = get_config()  # noqa: F821 (traitlets provides it)
load_subconfig("shared_nbgrader_config.py", path=str(Path(__file__).resolve().parent.parent))  # noqa: F821
