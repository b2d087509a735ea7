"""Kernels forked from a zygote (autograder/pipeline/warm_kernels.py) behave as stock ones, each a fresh process,
and leave no process behind; real notebooks run through nbclient, as nbgrader runs them."""
import asyncio
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from jupyter_client import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from autograder.pipeline import zygote
from autograder.pipeline.warm_kernels import WarmKernelManager, kill_running_kernels, stop_zygotes

HEAVY = ["numpy", "matplotlib", "tensorflow"]
PROMPTLY = 15  # seconds: a killed kernel is seen dead within about one; the stuck cell's own timeout is 30


def run(sources, manager=WarmKernelManager, preload=(), folder=None, **options):
    """The notebook made of ``sources`` as nbclient ran it."""
    config = Config()
    config.WarmKernelManager.preload = list(preload)
    start = options.pop("start", {})  # start_kernel's options
    nb = new_notebook(cells=[new_code_cell(source) for source in sources])
    client = NotebookClient(nb, kernel_manager_class=manager, config=config, allow_errors=True,
                            timeout=options.pop("timeout", 120),
                            resources={"metadata": {"path": str(folder or Path.cwd())}}, **options)
    client.execute(**start)
    return nb


def outputs(nb):
    return [cell.outputs for cell in nb.cells]


def text(cell):
    return "".join(output.get("text", "") for output in cell.outputs if output.output_type == "stream")


def zygotes():
    return [child for child in psutil.Process().children()
            if zygote.__file__ in child.cmdline()]


@pytest.fixture(autouse=True)
def no_process_left():
    """After each test: no kernel running and no zombie, stock or forked; only the zygotes, which live on. What
    ran before the test (a server of another test's session fixture) is not the test's business."""
    before = set(psutil.Process().children(recursive=True))
    yield
    left = [process for process in psutil.Process().children(recursive=True)
            if process not in before and process not in zygotes()]
    gone, alive = psutil.wait_procs(left, timeout=10)  # a kernel that was just shut down may take a moment
    assert not alive, f"left behind: {[(process.pid, process.cmdline()) for process in alive]}"


@pytest.fixture(scope="module", autouse=True)
def zygotes_stopped():
    yield
    stop_zygotes()
    assert not zygotes()


def test_a_forked_kernel_gives_the_outputs_of_a_stock_one():
    sources = ["print('hello')", "import sys; print('careful', file=sys.stderr)", "1 / 0",
               "from IPython.display import display, HTML\ndisplay(HTML('<b>bold</b>'))\n6 * 7",
               # its own session, and its own subprocesses' exit status
               "import os, subprocess\nos.getsid(0) == os.getpid(), subprocess.run(['false']).returncode"]
    stock = run(sources, manager=AsyncKernelManager)
    forked = run(sources)
    assert outputs(forked) == outputs(stock)
    assert forked.cells[2].outputs[0].ename == "ZeroDivisionError"


def test_a_kernel_works_in_the_folder_and_environment_it_was_given(tmp_path):
    (tmp_path / "helper.py").write_text("ANSWER = 42\n")
    env = {**os.environ, "COURSE_SETTING": "given"}
    nb = run(["import os, helper\nprint(os.getcwd(), os.environ.get('COURSE_SETTING'), helper.ANSWER)"],
             folder=tmp_path, start={"env": env})
    assert text(nb.cells[0]).split() == [str(tmp_path), "given", "42"]
    nb = run(["import os; print(os.environ.get('COURSE_SETTING'))"], folder=tmp_path)
    assert text(nb.cells[0]).split() == ["None"]


def test_kernels_in_a_row_share_nothing():
    # numpy.random seeds its global generator from the system when imported: in the zygote, for all its kernels
    left_behind = run(["import os, numpy as np\nLEFT_BEHIND = 1\nnp.mean = lambda *args, **kwargs: 'patched'",
                       "print(os.getpid(), os.getppid(), np.mean([1, 2]), np.random.rand())"], preload=["numpy.random"])
    fresh = run(["import os, numpy as np\nprint(os.getpid(), os.getppid(), np.mean([1, 2]), np.random.rand(), "
                 "'LEFT_BEHIND' in globals())"], preload=["numpy.random"])
    first_pid, zygote, patched, first_draw = text(left_behind.cells[1]).split()
    pid, parent, mean, draw, leftover = text(fresh.cells[0]).split()
    assert patched == "patched" and (mean, leftover) == ("1.5", "False")
    assert pid != first_pid and parent == zygote and int(zygote) in [z.pid for z in zygotes()]
    assert draw != first_draw  # NumPy's global generator seeded anew, as in a new process


def test_a_cell_that_times_out_is_interrupted_and_the_next_cell_runs():
    nb = run(["import time\ntime.sleep(600)", "print('still here')"], interrupt_on_timeout=True,
             timeout_func=lambda cell: 2 if "sleep" in cell.source else 120)
    assert nb.cells[0].outputs[-1].ename == "KeyboardInterrupt"
    assert text(nb.cells[1]) == "still here\n"


def test_killing_the_running_kernels_ends_a_stuck_notebook(tmp_path):
    started = tmp_path / "started"
    killed = []

    def watchdog():
        deadline = time.monotonic() + 120
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        killed.append(kill_running_kernels())

    thread = threading.Thread(target=watchdog)
    thread.start()
    start = time.monotonic()
    with pytest.raises(DeadKernelError):
        run([f"open({str(started)!r}, 'w').close()\nwhile True: pass"], timeout=30)
    elapsed = time.monotonic() - start
    thread.join()
    assert killed == [1]
    assert elapsed < PROMPTLY


def test_a_kernel_is_interrupted_and_restarted_through_its_manager():
    async def check():
        manager = WarmKernelManager()
        await manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            first = manager.provisioner.pid
            # Interrupted once it prints: ipykernel ignores an interrupt that comes before its cell's code runs.
            running = client.execute("import time; x = 1; print('sleeping', flush=True); time.sleep(600)")
            while not _is(await client.get_iopub_msg(timeout=60), "stream", running):
                pass
            await manager.interrupt_kernel()
            while not _is(reply := await client.get_shell_msg(timeout=60), "execute_reply", running):
                pass
            assert reply["content"]["ename"] == "KeyboardInterrupt"

            await manager.restart_kernel()
            await client.wait_for_ready(timeout=60)
            reply = await client.execute_interactive("assert 'x' not in globals()", timeout=60)
            assert reply["content"]["status"] == "ok"
            assert manager.provisioner.pid != first
            assert psutil.Process(manager.provisioner.pid).ppid() in [z.pid for z in zygotes()]
        finally:
            client.stop_channels()
            await manager.shutdown_kernel()
        assert not await manager.is_alive()

    asyncio.run(check())


def test_a_killed_kernel_is_gone_when_the_kill_returns():
    """So that jupyter_client, which looks again only every 0.1 s, finds it gone at its first look."""
    async def check():
        manager = WarmKernelManager()
        await manager.start_kernel()
        process = manager.provisioner.process
        await manager.provisioner.kill()
        assert process.poll() is not None
        await manager.shutdown_kernel(now=True)

    asyncio.run(check())


def _is(message, msg_type, parent):
    return message["msg_type"] == msg_type and message["parent_header"].get("msg_id") == parent


def test_a_zygote_and_its_kernels_exit_when_their_process_dies(tmp_path):
    # The zygote and the kernel write to /dev/null, not to our pipe: a closed pipe would end them on its own.
    script = ("import asyncio, json, os, psutil\n"
              "from autograder.pipeline.warm_kernels import WarmKernelManager\n"
              "report = os.fdopen(os.dup(1), 'w')\n"
              "os.dup2(os.open(os.devnull, os.O_WRONLY), 1)\n"
              "manager = WarmKernelManager()\n"
              "asyncio.run(manager.start_kernel())\n"
              "kernel = psutil.Process(manager.provisioner.pid)\n"
              "print(json.dumps([kernel.ppid(), kernel.pid]), file=report, flush=True)\n"
              "input()\n")
    owner = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=tmp_path)
    processes = [psutil.Process(pid) for pid in json.loads(owner.stdout.readline())]
    owner.kill()
    owner.wait()
    owner.stdin.close()
    owner.stdout.close()
    gone, alive = psutil.wait_procs(processes, timeout=30)  # ipykernel looks for its parent every second
    for orphan in alive:
        orphan.kill()
    assert not alive


def test_a_module_that_leaves_a_thread_running_is_not_preloaded(tmp_path, monkeypatch, caplog):
    (tmp_path / "threaded.py").write_text("import threading, time\n"
                                          "threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    with caplog.at_level(logging.WARNING):
        nb = run(["import os, sys; print('threaded' in sys.modules, os.getppid())"], preload=["json", "threaded"])
    preloaded, parent = text(nb.cells[0]).split()
    assert preloaded == "False" and int(parent) in [z.pid for z in zygotes()]
    assert [record.getMessage() for record in caplog.records if "threaded" in record.getMessage()] == [
        "Kernels import threaded themselves: it cannot be preloaded "
        "(RuntimeError: its import leaves 1 thread(s) running through a fork)"]


def test_without_a_zygote_kernels_start_as_stock_ones_after_one_warning(monkeypatch, caplog):
    monkeypatch.delattr(os, "pidfd_open")
    with caplog.at_level(logging.WARNING):
        kernels = [text(run(["import os; print(os.getppid())"], preload=["csv"]).cells[0]) for _ in range(2)]
    assert kernels == [f"{os.getpid()}\n"] * 2
    assert [record.getMessage() for record in caplog.records if "stock" in record.getMessage()] == [
        "Kernels start as stock ones: this system cannot fork them from a zygote"]


def test_a_forked_kernel_trains_a_keras_model_and_plots_as_a_stock_one():
    sources = ["import os, numpy as np, matplotlib, tensorflow as tf\nprint(os.getppid())",
               "tf.keras.utils.set_random_seed(0)\n"
               "x = np.random.rand(64, 3).astype('float32'); y = (x.sum(axis=1) > 1.5).astype('float32')\n"
               "model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(8, activation='relu'),\n"
               "                             tf.keras.layers.Dense(1, activation='sigmoid')])\n"
               "model.compile(optimizer='adam', loss='binary_crossentropy')\n"
               "history = model.fit(x, y, epochs=4, batch_size=16, verbose=0)\n"
               "print([repr(loss) for loss in history.history['loss']], model.predict(x[:3], verbose=0).tolist())",
               "import matplotlib.pyplot as plt\nplt.plot([1, 3, 2])\nplt.show()"]
    stock = run(sources, manager=AsyncKernelManager)
    forked = run(sources, preload=HEAVY)
    assert text(forked.cells[1]) == text(stock.cells[1]) != ""
    assert [output.output_type for output in forked.cells[2].outputs] == ["display_data"]
    assert "image/png" in forked.cells[2].outputs[0].data
    [zygote] = [z for z in zygotes() if "tensorflow" in z.cmdline()]
    assert text(forked.cells[0]) == f"{zygote.pid}\n"
    assert zygote.num_threads() == 1  # nothing running, no zmq context: a fork copies a quiet process
