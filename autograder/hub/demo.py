"""`make hub`: the course on a JupyterHub of this machine, on 127.0.0.1, for trying the class cycle in a browser.

    python -m autograder.hub.demo [--port N] [--students N]

An instructor (`instructor`) and a few students (`student1`, ...) log in with the one password printed at the
start. The instructor's server is `make instructor`'s: this repository, with the formgrader and a terminal for
`make release`, `make collect`, ...; each student's server is `make lab`'s student mode, on a home folder of its
own. All of them run as the account that started the demo (the shared-account set-up), and share this
repository's local exchange, so `make release` in any terminal publishes to the students' Assignment List.
Ctrl-C stops the hub, which stops the proxy and every user's server; the hub's database and the students' homes
are a temporary folder, removed then.
"""
import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from ..course import REPO, RUNTIME
from ..servers import free_port, stop, wait_until_answering

HERE = Path(__file__).resolve().parent
# Where the project's set-up (the Makefile) installs configurable-http-proxy from npm; else the one on PATH.
LOCAL_PROXY = REPO / ".configurable-http-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
START_TIMEOUT = 60  # seconds; the hub and its proxy start in about 2 s on an idle machine


def proxy_command():
    """configurable-http-proxy's path: the project's own, else the one on PATH; None when there is neither."""
    return str(LOCAL_PROXY) if os.access(LOCAL_PROXY, os.X_OK) else shutil.which("configurable-http-proxy")


@contextlib.contextmanager
def running_hub(repo, state, exchange, instructor, students, password, port=None, user_python=None, log=None):
    """Run the demo hub of the course clone ``repo`` (its autograder/hub/demo_config.py); yield its URL.

    ``state`` holds the hub's database and secrets and, in the shared-account set-up, the students' homes;
    ``user_python`` switches to one Unix account per user (see demo_config.py). On leaving, the hub is stopped
    as Ctrl-C stops it, and any process it started that outlived it is ended."""
    proxy = proxy_command()
    if proxy is None:
        raise RuntimeError("configurable-http-proxy is not installed (make installs it with npm)")
    public_port, hub_port = port or free_port(), free_port()
    env = dict(os.environ, NBGRADER_EXCHANGE=str(exchange), COURSE_HUB_STATE=str(state),
               COURSE_HUB_PORTS=f"{public_port},{hub_port},{free_port()}", COURSE_HUB_PASSWORD=password,
               COURSE_HUB_INSTRUCTOR=instructor, COURSE_HUB_STUDENTS=",".join(students), COURSE_HUB_PROXY=proxy)
    env.pop("COURSE_HUB_USER_PYTHON", None)
    env.pop("JUPYTER_CONFIG_PATH", None)  # each user's server gets its role's configuration from the hub
    if user_python:
        env["COURSE_HUB_USER_PYTHON"] = str(user_python)
    # The hub's own Python runs the proxy's and the servers' tools first: the hub starts them by name.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(Path(repo) / "autograder" / "hub" /
                                                                         "demo_config.py")],
                           cwd=state, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                           start_new_session=True)  # a terminal's Ctrl-C reaches the caller, who stops it once
    url = f"http://127.0.0.1:{public_port}"
    try:
        # The hub's own port opens once its proxy runs, and the proxy routes to it a moment later: asking the
        # proxy first would have it log an error for every try.
        for address in (f"http://127.0.0.1:{hub_port}", url):
            wait_until_answering(lambda: _hub_answers(address), hub, "JupyterHub", START_TIMEOUT)
        yield url
    finally:
        stop(hub, signal.SIGINT)  # as Ctrl-C: the hub stops the proxy and every user's server


def _hub_answers(url):
    with urllib.request.urlopen(f"{url}/hub/api/", timeout=5) as response:
        return response.status == 200


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.hub.demo", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1 (default 8000)")
    parser.add_argument("--students", type=int, default=3, help="how many students (default 3)")
    args = parser.parse_args(argv)
    if proxy_command() is None:
        print("make hub: configurable-http-proxy is not installed: it comes from npm, which is missing here",
              file=sys.stderr)
        return 1
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the proxy binds: a port just freed is free
        try:
            probe.bind(("127.0.0.1", args.port))
        except OSError:
            print(f"make hub: port {args.port} is taken (another hub?); choose another: "
                  f"python -m autograder.hub.demo --port N", file=sys.stderr)
            return 2
    students = [f"student{i}" for i in range(1, args.students + 1)]
    password = secrets.token_urlsafe(9)
    exchange = RUNTIME / "exchange"  # the repository's local exchange, which `make release` publishes to
    exchange.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="course-hub-") as state:
        try:
            with running_hub(REPO, state, exchange, "instructor", students, password, port=args.port) as url:
                print(f"\nThe course's hub is at {url}\n  users: instructor, {', '.join(students)}\n"
                      f"  password (everyone's): {password}\n"
                      "Publish with `make release` (here in another terminal, or in the instructor's); "
                      "Ctrl-C stops the hub.\n", flush=True)
                while True:
                    time.sleep(3600)
        except KeyboardInterrupt:
            pass
    print("make hub: stopped; no server or proxy is left running", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
