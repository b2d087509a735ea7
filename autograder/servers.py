"""Servers the course starts on this machine's loopback, JupyterLab's and JupyterHub's: a free port, waiting until
one answers, and stopping one with everything it started."""
import signal
import socket
import subprocess
import time

import psutil

STOP_TIMEOUT = 20  # seconds a server has to stop, and then its leftovers


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(answers, process, what, timeout, log=None):
    """Return once ``answers()`` is true; raise, naming ``what`` (with its ``log`` file), if ``process`` exits
    first or ``timeout`` seconds pass. ``answers`` may raise OSError while the server is not listening yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(_with_log(f"{what} exited with status {process.returncode}", log))
        try:
            if answers():
                return
        except OSError:  # urllib's URLError and the connection errors are OSErrors
            pass
        time.sleep(0.2)
    raise RuntimeError(_with_log(f"{what} did not answer within {timeout} s", log))


def _with_log(message, log):
    return f"{message}:\n{log.read_text()}" if log else message


def stop(process, signum=signal.SIGTERM):
    """Stop the server with ``signum`` (as Ctrl-C would, for one that takes SIGINT), then end whatever it started
    that outlived it. Kernels and users' servers run in sessions of their own, so they are found as the server's
    descendants, by process id, before it stops."""
    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    if process.poll() is None:
        process.send_signal(signum)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(STOP_TIMEOUT)
    _, left = psutil.wait_procs(family, timeout=STOP_TIMEOUT)
    for leftover in left:
        leftover.kill()
    psutil.wait_procs(left, timeout=STOP_TIMEOUT)
