"""Grading kernels that share their start-up: a fork server (a "zygote") imports the heavy modules once, and each
kernel is a fresh process forked from it.

A stock kernel starts Python, ipykernel and whatever the notebook imports for every notebook graded, TensorFlow
alone taking 2.5-6 s. ``WarmKernelManager`` is jupyter_client's kernel manager, its kernels forked from a zygote:

    c.Execute.kernel_manager_class = "autograder.pipeline.warm_kernels.WarmKernelManager"
    c.WarmKernelManager.preload = ["numpy", "matplotlib", "tensorflow"]

Each kernel is still a process of its own, in its own session, in the folder and environment the manager asked
for: nothing a notebook does reaches the zygote or another kernel. A process has one zygote per preload list,
started with its first kernel (in that kernel's environment) and stopped when the process exits; a zygote also
stops by itself when its socket to the process closes (the process died), and its kernels then stop too
(ipykernel exits when its parent does). ``benchmarks/kernel_start.py`` measures the gain.

What a zygote may preload is decided by one rule: a fork copies only the forking thread, so a module whose import
leaves a thread running through a fork could leave a lock held forever in every kernel. Each preload is tried
with a fork; a module that fails this (or cannot be imported) is refused with a warning, and kernels import it
themselves. OpenBLAS (NumPy's, SciPy's) stops its pool for a fork, and TensorFlow's and OpenMP's pools are made on
first use, in the kernel: a zygote only imports, it never computes. What a preloaded module reads from the
environment when imported (MPLBACKEND, TF_CPP_MIN_LOG_LEVEL, OMP_NUM_THREADS) it reads from the zygote's.

If no zygote can start (no fork or pidfd on this system, or it failed), kernels start as stock ones, after one
warning. ``kill_running_kernels`` kills this process' kernels from any thread: a grading watchdog's last resort.
"""
import asyncio
import atexit
import gc
import importlib
import json
import os
import pathlib
import runpy
import select
import signal
import socket
import subprocess
import sys
import threading
import uuid
import weakref

from jupyter_client import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import List, Unicode

KERNEL_MODULE = "ipykernel_launcher"  # kernels are `python -m ipykernel_launcher -f CONNECTION_FILE`
KERNEL_IMPORTS = ["ipykernel.kernelapp", "ipykernel.ipkernel"]  # what every kernel imports (IPython, zmq, tornado)
# ipykernel gives its kernels this backend by the environment before they run any code (kernelapp.init_gui_pylab);
# a preloaded matplotlib reads it at import, so the zygote must have it too, or pyplot falls back to Agg.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
START_TIMEOUT = 300  # seconds for a zygote to import its preloads, on a loaded machine
FORK_TIMEOUT = 60  # seconds for a fork and the kernel's set-up, before the zygote is given up
MESSAGE_SIZE = 1 << 20  # a request carries the kernel's environment


class WarmKernelManager(AsyncKernelManager):
    """jupyter_client's (asynchronous, like nbclient's default) kernel manager, whose kernels are forked from a
    zygote that has imported ``preload`` once. Interrupt, restart, shutdown and kill work as for stock kernels."""

    preload = List(Unicode(), config=True,
                   help="Modules the zygote imports once for all its kernels, such as numpy or tensorflow.")

    async def _async_pre_start_kernel(self, **kw):
        # A kernel spec naming a provisioner of its own launches its kernels its own way.
        if self.provisioner is None and "kernel_provisioner" not in self.kernel_spec.metadata:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ZygoteProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


class ZygoteProvisioner(LocalProvisioner):
    """LocalProvisioner, launching a kernel by a fork of the zygote when it can, as a subprocess otherwise."""

    async def launch_kernel(self, cmd, **kwargs):
        process = None
        if forkable(cmd, kwargs):
            zygote = await asyncio.to_thread(_zygote, tuple(self.parent.preload), kwargs["env"], self.log)
            if zygote:
                process = await asyncio.to_thread(zygote.fork, cmd[3:], kwargs["env"],
                                                  str(kwargs.get("cwd") or os.getcwd()), self.log)
        if process is None:
            connection_info = await super().launch_kernel(cmd, **kwargs)
        else:
            # Popen's parts that LocalProvisioner uses; the kernel leads its own process group, as a stock one.
            self.process, self.pid, self.pgid = process, process.pid, process.pid
            self.cwd = kwargs.get("cwd") or pathlib.Path.cwd()
            connection_info = self.connection_info
        with _running_lock:
            _running.add(self.process)
        return connection_info


def forkable(cmd, kwargs):
    """Whether a zygote can launch ``cmd`` with these Popen options: our own Python running ipykernel, with its
    environment and folder and no other option (a zygote gives its kernels no stdin, and our stdout and stderr)."""
    return (cmd[:3] == [sys.executable, "-m", KERNEL_MODULE] and "env" in kwargs
            and set(kwargs) <= {"env", "cwd", "kernel_id"})


def kill_running_kernels():
    """Kill (SIGKILL, with their subprocesses) every kernel this process started that is still running, stock ones
    included. Safe from any thread: the client waiting on a killed kernel sees it dead and raises."""
    with _running_lock:
        running = [process for process in _running if process.poll() is None]
    for process in running:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its process group: the kernel and what it started
        except OSError:
            pass
        process.kill()  # if the group is gone already (nothing left to kill, then)
    return len(running)


def stop_zygotes():
    """Stop this process' zygotes (done at exit); their running kernels stop with them. A later kernel starts a new
    zygote."""
    with _zygotes_lock:
        zygotes = [zygote for zygote in _zygotes.values() if zygote]
        _zygotes.clear()
    for zygote in zygotes:
        zygote.stop()


class ForkedKernel:
    """A kernel forked by a zygote, with the parts of subprocess.Popen that LocalProvisioner uses. It is the
    zygote's child, not ours: a pidfd tells when it exits and signals it without mistaking a recycled pid. The
    zygote reaps it, so its exit status is not known here: ``returncode`` is 0 once it has exited, however."""

    stdin = stdout = stderr = None

    def __init__(self, pid, pidfd):
        self.pid, self.returncode, self._pidfd = pid, None, pidfd

    def poll(self):
        if self.returncode is None and _exited(self._pidfd, timeout=0):
            self.returncode = 0
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None and not _exited(self._pidfd, timeout):
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        self.returncode = 0
        return self.returncode

    def send_signal(self, signum):
        if self.poll() is None:
            try:
                signal.pidfd_send_signal(self._pidfd, signum)
            except ProcessLookupError:
                pass  # it exited meanwhile

    def terminate(self):
        self.send_signal(signal.SIGTERM)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def __del__(self):
        os.close(self._pidfd)


def _exited(pidfd, timeout):
    """Whether the process has exited, waiting up to ``timeout`` seconds (None: until it does)."""
    poller = select.poll()
    poller.register(pidfd, select.POLLIN)
    return bool(poller.poll(None if timeout is None else timeout * 1000))


class Refused(Exception):
    """A zygote could not preload this module."""

    def __init__(self, module, why):
        super().__init__(f"{module}: {why}")
        self.module, self.why = module, why


class Zygote:
    """Our end of a zygote: its process, and the socket we ask it for kernels through."""

    def __init__(self, preload, env):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        with theirs:
            self.process = subprocess.Popen([sys.executable, "-m", __spec__.name, str(theirs.fileno()), *preload],
                                            env={"MPLBACKEND": INLINE_BACKEND, **env}, stdin=subprocess.DEVNULL,
                                            pass_fds=[theirs.fileno()], start_new_session=True)
        self.socket, self.lock = ours, threading.Lock()
        try:
            self.socket.settimeout(START_TIMEOUT)
            ready = json.loads(self.socket.recv(MESSAGE_SIZE) or b'{"refused": null, "why": "it exited"}')
            self.socket.settimeout(FORK_TIMEOUT)
            if "refused" in ready:
                raise Refused(ready["refused"], ready["why"])
        except BaseException:
            self.stop()
            raise

    def fork(self, args, env, cwd, log):
        """A kernel forked with these arguments, environment and folder; None if the zygote is gone (after a
        warning: it is given up, and this process' kernels start as stock ones from now on)."""
        request = json.dumps({"args": args, "env": env, "cwd": cwd}).encode()
        no_stdin = os.open(os.devnull, os.O_RDONLY)
        try:
            with self.lock:
                # our stdout and stderr now, not when the zygote started: where a stock kernel would write
                socket.send_fds(self.socket, [request], [no_stdin, 1, 2])
                reply, fds, _, _ = socket.recv_fds(self.socket, MESSAGE_SIZE, 1)
            reply = json.loads(reply or b'{"gone": "it exited"}')
        except OSError as error:
            reply = {"gone": str(error)}
        finally:
            os.close(no_stdin)
        if "gone" in reply:
            log.warning("The kernels' zygote stopped answering (%s): kernels start as stock ones", reply["gone"])
            with _zygotes_lock:
                for key, zygote in _zygotes.items():
                    _zygotes[key] = None if zygote is self else zygote
            self.stop()
            return None
        if "failed" in reply:
            raise RuntimeError(f"the kernel could not be set up: {reply['failed']}")
        return ForkedKernel(reply["pid"], fds[0])

    def stop(self):
        self.socket.close()  # the zygote reads the end of its socket and exits
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_zygotes_lock = threading.Lock()
_zygotes = {}  # {preload: its Zygote, or None where none could start}
_running_lock = threading.Lock()
_running = weakref.WeakSet()  # the processes of this process' kernels, while LocalProvisioner holds them


def _zygote(preload, env, log):
    """This process' zygote for ``preload``, started now if need be; None if it cannot start."""
    with _zygotes_lock:
        if preload not in _zygotes:
            _zygotes[preload] = _start_zygote(list(preload), env, log)
        return _zygotes[preload]


def _start_zygote(preload, env, log):
    if not (hasattr(os, "fork") and hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")):
        log.warning("Kernels start as stock ones: this system cannot fork them from a zygote")
        return None
    while True:
        try:
            return Zygote(preload, env)
        except Refused as refused:
            if refused.module not in preload:
                log.warning("Kernels start as stock ones: no zygote could start (%s)", refused)
                return None
            log.warning("Kernels import %s themselves: it cannot be preloaded (%s)", refused.module, refused.why)
            preload.remove(refused.module)
        except (OSError, ValueError) as error:
            log.warning("Kernels start as stock ones: no zygote could start (%s)", error)
            return None


def _forget_inherited_state():
    """A process forked from ours (multiprocessing, say) starts zygotes of its own and has no kernels yet."""
    global _zygotes_lock, _running_lock
    _zygotes_lock, _running_lock = threading.Lock(), threading.Lock()
    _zygotes.clear()
    _running.clear()


os.register_at_fork(after_in_child=_forget_inherited_state)
atexit.register(stop_zygotes)


# The zygote's side, `python -m autograder.pipeline.warm_kernels SOCKET_FD MODULE...`: one thread, and no zmq
# context or other half-done work at any fork, so that every kernel starts from a quiet process.

def serve(channel_fd, preload):
    """Preload, then fork a kernel for every request until the socket closes; each reply carries a pidfd."""
    channel = socket.socket(fileno=channel_fd)
    # The kernels' parent, which ipykernel watches to exit with it: ipykernel reads it when imported, here.
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    if not sys.flags.safe_path:
        del sys.path[0]  # our caller's folder, which `-m` put first: as for ipykernel, it must not shadow a library
    for module in [*KERNEL_IMPORTS, *preload]:
        try:
            importlib.import_module(module)
            if (threads := _threads_through_a_fork()) > 1:
                raise RuntimeError(f"its import leaves {threads - 1} thread(s) running through a fork")
        except Exception as error:
            channel.send(json.dumps({"refused": module, "why": f"{type(error).__name__}: {error}"}).encode())
            return
    channel.send(b"{}")
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they exit
    gc.freeze()  # what is preloaded lives on: the kernels' collections need not touch it and copy its pages
    while True:
        request, stdio, _, _ = socket.recv_fds(channel, MESSAGE_SIZE, 3)
        if not request:
            return  # our caller closed its end, or died
        report_read, report_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(report_read)
            become_kernel(json.loads(request), stdio, channel, report_write)  # does not return
        try:
            pidfd = os.pidfd_open(pid)  # at once: it is reaped as soon as it exits, and its pid may then be reused
        except ProcessLookupError:
            pidfd = None  # killed before it could report
        for fd in (report_write, *stdio):
            os.close(fd)
        with os.fdopen(report_read, "rb") as report:
            failed = report.read().decode() or ("" if pidfd is not None else "it was killed at once")
        reply = {"failed": failed} if failed else {"pid": pid}
        socket.send_fds(channel, [json.dumps(reply).encode()], [] if failed else [pidfd])
        if pidfd is not None:
            os.close(pidfd)


def become_kernel(request, stdio, channel, report):
    """In the forked child: become what `python -m ipykernel_launcher ARGS` would be, started in the request's
    folder and environment. A set-up that fails is written to ``report`` (closed empty on success)."""
    try:
        channel.close()
        os.setsid()  # its own session, as jupyter_client gives kernels: interrupt and kill reach its subprocesses
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own subprocesses
        for target, fd in enumerate(stdio):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"], JPY_PARENT_PID=str(os.getppid()))  # as ipykernel was told, above
        sys.argv = [KERNEL_MODULE, *request["args"]]
        if not sys.flags.safe_path:
            sys.path.insert(0, os.getcwd())  # as `-m` does; ipykernel_launcher takes it off, IPython puts it back
        _reseed()
    except BaseException as error:
        os.write(report, f"{type(error).__name__}: {error}".encode())
        os._exit(1)
    os.close(report)
    runpy.run_module(KERNEL_MODULE, run_name="__main__", alter_sys=True)
    _exit_as_a_forked_child()


def _exit_as_a_forked_child():
    """End as multiprocessing ends the children it forks: threads joined and atexit handlers run, as at any exit,
    then os._exit, without the interpreter's teardown of every module and object, which costs over half a second
    with TensorFlow loaded and copies page after page the kernel shares with the zygote."""
    threading._shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.__stdout__, sys.__stderr__):
        stream.flush()
    os._exit(0)


def _reseed():
    """A new process draws its random state from the system, a forked one inherits the zygote's: Python's random
    reseeds itself in a fork, NumPy's global generator (np.random.rand and the like) does not."""
    if numpy_random := sys.modules.get("numpy.random"):
        numpy_random.seed()


def _threads_through_a_fork():
    """How many threads this process keeps through a fork, the forking one included (OpenBLAS, for one, stops its
    pool before a fork and starts it again when next used)."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    threads = len(os.listdir("/proc/self/task"))
    os.waitpid(pid, 0)
    return threads


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2:])
