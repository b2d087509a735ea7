"""A class on a real JupyterHub on 127.0.0.1, configured by autograder/hub/ as `make hub` runs it: an instructor
and two students, each student driven over HTTP as JupyterLab's Assignment List extension drives it.

The instructor releases with the course's commands; each student logs in, starts their server, fetches, edits
the notebook through the server's contents API (one student solves it, the other makes a catalogued mistake)
and submits; the instructor collects, autogrades and releases feedback with `python -m autograder.pipeline`;
each student fetches their feedback and reads it. The instructor's commands grade a copy of the course.

Run by root (as on CI), every user is a Unix user that the test creates and deletes, and their servers run
Debian's Python 3.11 (the test's own Python may sit in root's home, where other users cannot run it). Run by
anyone else, every server runs as the tester, each student named by their hub user (the shared-account set-up).
Skipped, saying why in one line, where configurable-http-proxy is missing (`make test` installs it with npm).
Afterwards no process and no user that the test created is left.
"""
import contextlib
import html
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
import pytest
import requests
from nbgrader.api import Gradebook

from autograder.hub.demo import proxy_command, running_hub
from autograder.notebooks import answers, grade_id, is_test, with_answers
from autograder.tests import submissions
from autograder.tests.conftest import ASSIGNMENTS
from autograder.tests.course_copy import make_copy, run
from autograder.tests.test_lab import STUDENT_OFF
from nncourse.mistakes import Mistake

ASSIGNMENT = ASSIGNMENTS[0]
COURSE = "nn-fundamentals"
SYSTEM_PYTHON = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
SERVER_TIMEOUT = 60  # seconds; a user's server starts in 3 to 8 s on an idle machine

pytestmark = pytest.mark.skipif(proxy_command() is None, reason="configurable-http-proxy is not installed (make test "
                                                                "installs it with npm, which is missing here)")


def real_users_unavailable():
    """Why the hub's users cannot be Unix users of their own here, in one line; None when they can."""
    if os.geteuid() != 0:
        return "not root"
    if not (os.access(SYSTEM_PYTHON, os.X_OK) and shutil.which("useradd") and shutil.which("userdel")):
        return f"no {SYSTEM_PYTHON}, useradd or userdel"
    if not reachable_by_everyone(Path(sysconfig.get_paths()["purelib"])):
        return "this environment's packages are not readable by other users"
    return None


def reachable_by_everyone(path):
    return os.access(path, os.R_OK) and all(os.stat(part).st_mode & 0o005 == 0o005 for part in (path, *path.parents))


@pytest.fixture(scope="module")
def scratch():
    """A scratch folder that every user can reach (pytest's own are the tester's alone), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="course-hub-test-", dir="/tmp" if os.geteuid() == 0 else None))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def class_on_hub(scratch, tmp_path_factory):
    """The hub's URL, its users ({"instructor": name, "students": [name, name]}), their password, the course copy
    and the exchange; every user and process is gone once the module is done (asserted)."""
    root, exchange = make_copy(scratch / "course-copy"), scratch / "exchange"
    exchange.mkdir(mode=0o777)
    exchange.chmod(0o777)  # students write their submissions into it, as on a hub (/srv/nbgrader/exchange)
    (scratch / "hub-state").mkdir(mode=0o700)
    suffix = secrets.token_hex(3)
    users = {"instructor": f"teacher-{suffix}", "students": [f"alice-{suffix}", f"bob-{suffix}"]}
    everyone = [users["instructor"], *users["students"]]
    password = secrets.token_urlsafe(9)
    before = {process.pid for process in psutil.process_iter()}
    with contextlib.ExitStack() as unix_users:
        user_python = None
        if real_users_unavailable() is None:
            for name in everyone:
                unix_users.enter_context(unix_user(name, scratch / "homes"))
            user_python = user_environment(scratch / "user-environment")
        with (tmp_path_factory.mktemp("hub") / "hub.log").open("w") as log, \
                running_hub(root, scratch / "hub-state", exchange, users["instructor"], users["students"], password,
                            user_python=user_python, log=log) as url:
            yield url, users, password, root, exchange
        # Checked before the users are deleted, which ends whatever still runs as them.
        left = [process for process in psutil.process_iter(["pid", "cmdline"])
                if process.pid not in before and _is_ours(process, everyone, scratch)]
        assert not left, f"left running: {[process.info['cmdline'] for process in left]}"
    for name in everyone:
        with pytest.raises(KeyError):
            pwd.getpwnam(name)


def _is_ours(process, users, scratch):
    """A process of the test's hub: run as one of its users, or naming its scratch folder in its command, working
    folder or environment (the hub, the proxy, the servers and their kernels all do)."""
    with contextlib.suppress(psutil.Error):
        return process.username() in users or any(str(scratch) in text for text in (
            " ".join(process.cmdline()), process.cwd(), *process.environ().values()))
    return False


@contextlib.contextmanager
def unix_user(name, homes):
    """A Unix user with a home under ``homes``; deleted afterwards, with every process still running as them."""
    homes.mkdir(mode=0o755, exist_ok=True)
    subprocess.run(["useradd", "--create-home", "--home-dir", str(homes / name), "--shell", "/bin/sh",
                    "--user-group", name], check=True)
    try:
        yield pwd.getpwnam(name)
    finally:
        uid = pwd.getpwnam(name).pw_uid
        theirs = [process for process in psutil.process_iter(["uids"]) if process.info["uids"].real == uid]
        for process in theirs:
            process.kill()
        psutil.wait_procs(theirs, timeout=10)
        subprocess.run(["userdel", "--remove", name], check=True, stderr=subprocess.DEVNULL)


def user_environment(folder):
    """A Python that every user can run, with this environment's packages: the system's Python of the same
    version, in a virtual environment whose site loads this environment's site-packages (installing them again
    for the test would take minutes; a hub installs the course in an environment of its own, see the README)."""
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--without-pip", str(folder)], check=True)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    site_packages = sysconfig.get_paths()["purelib"]
    (folder / "lib" / version / "site-packages" / "test-environment.pth").write_text(
        f"import site; site.addsitedir({site_packages!r})\n")
    # Jupyter finds the extensions enabled in an environment (JupyterLab's, nbgrader's) below its prefix.
    for shared in ("etc/jupyter", "share/jupyter"):
        (folder / shared).parent.mkdir(parents=True, exist_ok=True)
        (folder / shared).symlink_to(Path(sys.prefix) / shared)
    return folder / "bin" / "python"


class HubUser:
    """One user in a browser: logged in to the hub, with their own server, called as JupyterLab calls it."""

    def __init__(self, url, name, password):
        self.url, self.name, self.http = url, name, requests.Session()
        self.http.get(f"{url}/hub/login").raise_for_status()
        logged_in = self.http.post(f"{url}/hub/login?next=/hub/home", allow_redirects=False, data={
            "username": name, "password": password, "_xsrf": self.xsrf("/hub/")})
        assert logged_in.status_code == 302 and logged_in.headers["Location"].endswith("/hub/home"), logged_in.text
        self.hub_xsrf = self.xsrf("/hub/")  # the hub sets a new one at login: the old one is refused

    def xsrf(self, path):
        return next(cookie.value for cookie in self.http.cookies if cookie.name == "_xsrf" and cookie.path == path)

    def start_server(self):
        started = self.http.post(f"{self.url}/hub/api/users/{self.name}/server",
                                 headers={"X-XSRFToken": self.hub_xsrf})
        assert started.status_code in (201, 202), started.text
        deadline = time.monotonic() + SERVER_TIMEOUT
        while not self.http.get(f"{self.url}/hub/api/users/{self.name}").json()["servers"].get("", {}).get("ready"):
            assert time.monotonic() < deadline, f"{self.name}'s server did not start within {SERVER_TIMEOUT} s"
            time.sleep(0.3)
        # Opening the server's page logs in to it through the hub (OAuth), which sets its cookies.
        self.http.get(self.server("lab")).raise_for_status()
        self.server_xsrf = self.xsrf(f"/user/{self.name}/")

    def server(self, path):
        return f"{self.url}/user/{self.name}/{path}"

    def get(self, path, **params):
        return self.http.get(self.server(path), params=params)

    def post(self, path, body):
        answer = self.http.post(self.server(path), json=body, headers={"X-XSRFToken": self.server_xsrf})
        answer.raise_for_status()
        return answer.json()

    def put(self, path, body):
        answer = self.http.put(self.server(path), json=body, headers={"X-XSRFToken": self.server_xsrf})
        answer.raise_for_status()

    def assignment_action(self, action):
        """What the Assignment List's Fetch, Submit and Fetch Feedback buttons post. The endpoints answer 200 even
        when the action failed: the outcome is in the body (and in the listing it returns)."""
        answer = self.post(f"assignments/{action}", {"course_id": COURSE, "assignment_id": ASSIGNMENT})
        assert answer["success"], f"{self.name}'s {action}: {answer.get('value')}"
        return answer["value"]

    def listing(self):
        answer = self.get("assignments", course_id=COURSE).json()
        assert answer["success"], answer.get("value")
        return answer["value"]

    def read_notebook(self, path):
        return nbformat.from_dict(self.get(f"api/contents/{path}", content=1).json()["content"])

    def save_notebook(self, path, nb):
        self.put(f"api/contents/{path}", {"type": "notebook", "format": "json", "content": nb})


def instructor(root, exchange, *command):
    """One of the course's instructor commands, run in the course copy with the hub's exchange."""
    result = run(root, *command, exchange=exchange)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_a_class_releases_fetches_submits_is_graded_and_reads_its_feedback(class_on_hub):
    url, users, password, root, exchange = class_on_hub
    source = nbformat.read(root / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    wrong = submissions.load(ASSIGNMENT)[0][0]  # a catalogued mistake, which its failing tests name
    solved = answers(source)
    work = {users["students"][0]: solved, users["students"][1]: {**solved, wrong.exercise: wrong.source}}

    instructor(root, exchange, "autograder.release", ASSIGNMENT)
    teacher = HubUser(url, users["instructor"], password)
    teacher.start_server()
    assert teacher.get("formgrader").status_code == 200

    students = {name: HubUser(url, name, password) for name in users["students"]}
    notebook = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    for name, student in students.items():
        student.start_server()
        # The server is `make lab`'s student mode: the Assignment List and Validate, no formgrader, no course list.
        assert student.get("formgrader").status_code == student.get("formgraders").status_code == 404
        page = student.get("lab").text
        config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
        assert STUDENT_OFF <= set(json.loads(config.group(1))["disabledExtensions"])
        assert [a["status"] for a in student.listing() if a["assignment_id"] == ASSIGNMENT] == ["released"]

        fetched = student.assignment_action("fetch")
        assert {a["status"] for a in fetched if a["assignment_id"] == ASSIGNMENT} == {"fetched"}, fetched
        student.save_notebook(notebook, with_answers(student.read_notebook(notebook), work[name]))
        submitted = student.assignment_action("submit")
        assert any(a["status"] == "submitted" and a["submissions"] for a in submitted), submitted

    collected = instructor(root, exchange, "autograder.pipeline", "collect", ASSIGNMENT)
    assert f"{ASSIGNMENT}: 2 new, 0 updated submissions" in collected, collected
    graded = instructor(root, exchange, "autograder.pipeline", "autograde", ASSIGNMENT)
    assert f"{ASSIGNMENT}: 2 graded, 0 held for review, 0 could not be graded, 0 missing" in graded, graded
    released = instructor(root, exchange, "autograder.pipeline", "feedback", ASSIGNMENT)
    assert "released to the Assignment List of 2 students" in released, released

    points = {grade_id(cell): cell.metadata.nbgrader["points"] for cell in source.cells if is_test(cell)}
    with Gradebook(f"sqlite:///{root / 'autograder' / 'runtime' / 'gradebook.db'}") as gradebook:
        scores = {name: gradebook.find_submission(ASSIGNMENT, name).score for name in students}
    right, mistaken = users["students"]
    assert scores[right] == sum(points.values())
    assert scores[mistaken] == sum(points.values()) - sum(points[test] for test in wrong.fails) > 0

    for name, student in students.items():
        listing = student.assignment_action("fetch_feedback")
        submission, = [s for a in listing if a["status"] == "submitted" for s in a["submissions"]]
        assert submission["has_local_feedback"] and not submission["feedback_updated"], submission
        page = student.get(f"files/{submission['local_feedback_path']}/{ASSIGNMENT}.html")  # what "view feedback" opens
        feedback = html.unescape(re.sub(r"<[^>]+>", "", page.content.decode()))
        assert f"Score: {scores[name]} / {float(sum(points.values()))}" in feedback, feedback[:2000]
    # The mistaken student's page names their mistake (in a message wrapped over lines).
    assert Mistake[wrong.mistake[0]].diagnosis in " ".join(feedback.split())
