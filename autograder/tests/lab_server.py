"""JupyterLab started as `make lab` and `make instructor` start it (``python -m autograder.lab``), on a copy of
the course, a free loopback port and a token; stopped at the end together with every process it started."""
import contextlib
import json
import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from autograder.servers import free_port, stop, wait_until_answering

START_TIMEOUT = 60  # seconds; JupyterLab starts in about 4 s on an idle machine


@dataclass
class Lab:
    url: str
    token: str
    log: Path

    def address(self, path):
        return f"{self.url}/{path.lstrip('/')}{'&' if '?' in path else '?'}token={self.token}"

    def status(self, path):
        """The HTTP status the server answers ``path`` with."""
        try:
            with urllib.request.urlopen(self.address(path), timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def get(self, path):
        with urllib.request.urlopen(self.address(path), timeout=10) as response:
            return response.read().decode()

    def get_json(self, path):
        return json.loads(self.get(path))

    def page_config(self):
        """The configuration JupyterLab hands its page (disabled extensions among it)."""
        page = self.get("lab")
        found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
        return json.loads(found.group(1))


@contextlib.contextmanager
def running_lab(root, mode, scratch, exchange):
    """Serve the course copy ``root`` in ``mode`` ('student' or 'instructor'); yield a Lab.

    ``scratch`` holds Jupyter's and IPython's per-user folders and the server's log, so the tester's home is
    neither read nor written."""
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, NBGRADER_EXCHANGE=str(exchange), JUPYTER_CONFIG_DIR=str(scratch / "config"),
               JUPYTER_DATA_DIR=str(scratch / "data"), JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
               IPYTHONDIR=str(scratch / "ipython"))
    env.pop("COURSE_WORK_DIR", None)  # the copy's own my-work/
    env.pop("JUPYTER_CONFIG_PATH", None)  # the mode chooses its configuration
    log = scratch / f"{mode}.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "autograder.lab", mode, "--port", str(port), "--token", token, "--no-browser"],
            cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}", token, log)
    try:
        wait_until_answering(lambda: lab.status("api/status") == 200, process, "JupyterLab", START_TIMEOUT, log)
        yield lab
    finally:
        stop(process)
