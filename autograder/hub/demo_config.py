"""The demo hub of `make hub` and of the hub test: the course's hub configuration (jupyterhub_config.py) on
127.0.0.1, with JupyterHub's dummy authenticator (one password for every listed user), an instructor in the group
`instructors` and a few students. autograder/hub/demo.py starts it, with these settings in its environment:

    COURSE_HUB_PORTS       the hub's public port, its API's port, the proxy's API port (comma-separated)
    COURSE_HUB_PASSWORD    the password of every user
    COURSE_HUB_INSTRUCTOR  the instructor's user name; COURSE_HUB_STUDENTS the students' (comma-separated)
    COURSE_HUB_PROXY       configurable-http-proxy's command
    COURSE_HUB_STATE       a folder for the hub's database and secrets, and the students' homes
    COURSE_HUB_USER_PYTHON set when every user is a Unix user of that name: the Python 3.11 with the course that
                           their servers run (it must be executable by them). Unset, every server runs as the
                           hub's own account, each student in a home of their own, named by their hub user.
"""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (traitlets provides it)
load_subconfig(str(Path(__file__).with_name("jupyterhub_config.py")))  # noqa: F821

public_port, hub_port, proxy_api_port = (int(port) for port in os.environ["COURSE_HUB_PORTS"].split(","))
state = Path(os.environ["COURSE_HUB_STATE"])
instructor = os.environ["COURSE_HUB_INSTRUCTOR"]
students = os.environ["COURSE_HUB_STUDENTS"].split(",")

c.JupyterHub.bind_url = f"http://127.0.0.1:{public_port}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [os.environ["COURSE_HUB_PROXY"]]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["COURSE_HUB_PASSWORD"]
c.Authenticator.allowed_users = {instructor, *students}
c.JupyterHub.load_groups = {"instructors": {"users": [instructor]}}  # the group jupyterhub_config.py reads

user_python = os.environ.get("COURSE_HUB_USER_PYTHON")
if user_python:
    c.Spawner.cmd = [user_python, "-m", "jupyterhub.singleuser"]
else:
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(state / "homes" / "{username}")
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    c.Spawner.environment = {"COURSE_SHARED_ACCOUNT": "1"}  # read by autograder/student/nbgrader_config.py
    if os.geteuid() == 0:  # the hub's account is root, which Jupyter refuses to run as unless told
        c.Spawner.args = ["--allow-root"]
