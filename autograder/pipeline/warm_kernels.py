"""Grading kernels that share their start-up: a fork server (a "zygote") imports the heavy modules once, and each
kernel is a fresh process forked from it.

A stock kernel starts Python, ipykernel and whatever the notebook imports for every notebook graded, TensorFlow
alone taking 2.5-6 s. ``WarmKernelManager`` is jupyter_client's kernel manager, its kernels forked from a zygote:

    c.Execute.kernel_manager_class = "autograder.pipeline.warm_kernels.WarmKernelManager"
    c.WarmKernelManager.preload = ["numpy", "matplotlib", "tensorflow"]

Each kernel is still a process of its own, in its own session, in the folder and environment the manager asked
for: nothing a notebook does reaches the zygote or another kernel. A process has one zygote per kind (preload
list, sandbox, memory limit), started with its first kernel (in that kernel's environment) and stopped when the
process exits; a zygote also stops by itself when its socket to the process closes (the process died), and its
kernels then stop too (ipykernel exits when its parent does). A zygote that stops answering (a kernel can kill
its parent) is replaced by a new one. ``benchmarks/kernel_start.py`` measures the gain.

What a zygote may preload is decided by one rule: a fork copies only the forking thread, so a module whose import
leaves a thread running through a fork could leave a lock held forever in every kernel. Each preload is tried
with a fork; a module that fails this (or cannot be imported) is refused with a warning, and kernels import it
themselves. OpenBLAS (NumPy's, SciPy's) stops its pool for a fork, and TensorFlow's and OpenMP's pools are made on
first use, in the kernel: a zygote only imports, it never computes. What a preloaded module reads from the
environment when imported (MPLBACKEND, TF_CPP_MIN_LOG_LEVEL, OMP_NUM_THREADS) it reads from the zygote's.

Once forked, a kernel is ready in under 0.1 s; jupyter_client's own waits (a reconnection interval, a pause for
IOPub to fall silent, polls every 0.1 s for a killed kernel to be gone) would have cost three times that, so
``WarmKernelClient`` and ``ZygoteProvisioner.kill`` do without them.

If no zygote can start (no fork or pidfd on this system, or it failed), kernels start as stock ones, after one
warning. ``kill_running_kernels`` kills this process' kernels from any thread: a grading watchdog's last resort.

With ``sandbox`` set, the zygote and so its kernels run in a bubblewrap sandbox (sandbox.py), and a kernel is never
started outside it: if the sandbox cannot start, starting the kernel fails. ``memory_limit`` bounds each kernel's
data (and its address space, with a headroom: zygote.py); ``scrub_environment`` (implied by ``sandbox``) gives
kernels none of the grader's variables but the few kernels read. The zygote's own side is zygote.py.
"""
import asyncio
import atexit
import json
import math
import os
import pathlib
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
import weakref
from queue import Empty
from typing import NamedTuple

import zmq.asyncio
from jupyter_client import AsyncKernelManager
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Bool, Int, List, Unicode, default

from . import sandbox, zygote
from .zygote import KERNEL_MODULE, MESSAGE_SIZE

# ipykernel gives its kernels this backend by the environment before they run any code (kernelapp.init_gui_pylab);
# a preloaded matplotlib reads it at import, so the zygote must have it too, or pyplot falls back to Agg.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
START_TIMEOUT = 300  # seconds for a zygote to import its preloads, on a loaded machine
FORK_TIMEOUT = 60  # seconds for a fork and the kernel's set-up, before the zygote is given up
RECONNECT_INTERVAL = 5  # milliseconds between a client's attempts to reach a kernel's sockets (zmq's default: 100)
KILL_WAIT = 1  # seconds to wait for a killed kernel to be gone (it takes milliseconds) before going on anyway


class WarmKernelClient(AsyncKernelClient):
    """nbclient's kernel client, without two waits that cost more than a forked kernel's start:
    - it tries to reach the kernel's sockets every few milliseconds until they are there: a forked kernel binds
      them some 20 ms after the client first tries, and zmq would try again only 100 ms later;
    - once the kernel has answered, it does not wait for IOPub to fall silent for 0.2 s: nbclient reads only the
      messages that answer its own requests."""

    @default("context")
    def _reconnecting_context(self):
        self._created_context = True  # so that stopping the client ends the context
        context = zmq.asyncio.Context()
        context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_INTERVAL)
        return context

    async def wait_for_ready(self, timeout=None):
        """jupyter_client's: ready once the kernel has answered a kernel_info request on the shell channel and has
        sent anything on IOPub (so that IOPub is connected too), without its last wait."""
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
                if reply["msg_type"] == "kernel_info_reply":
                    await self.iopub_channel.get_msg(timeout=0.2)
                    self._handle_kernel_info_reply(reply)
                    return
            except Empty:
                pass
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")


class WarmKernelManager(AsyncKernelManager):
    """jupyter_client's (asynchronous, like nbclient's default) kernel manager, whose kernels are forked from a
    zygote that has imported ``preload`` once. Interrupt, restart, shutdown and kill work as for stock kernels."""

    preload = List(Unicode(), config=True,
                   help="Modules the zygote imports once for all its kernels, such as numpy or tensorflow.")
    sandbox = Bool(False, config=True,
                   help="Run the zygote and its kernels in a bubblewrap sandbox (sandbox.py); the kernels then talk "
                        "to us through Unix sockets, as the sandbox has no network.")
    memory_limit = Int(0, config=True, help="Bytes of data each kernel may have (0: no limit).")
    scrub_environment = Bool(False, config=True,
                             help="Give kernels only the variables kernels read (sandbox.kernel_environment), not "
                                  "ours; a sandboxed kernel's environment is always scrubbed.")

    @default("client_factory")
    def _warm_client(self):
        return WarmKernelClient

    async def _async_pre_start_kernel(self, **kw):
        # A kernel spec naming a provisioner of its own launches its kernels its own way.
        if self.provisioner is None and "kernel_provisioner" not in self.kernel_spec.metadata:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ZygoteProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            if self.sandbox:
                self.transport = "ipc"
                self.connection_file = str(sandbox.of_this_process().connection_file(self.kernel_id))
                self.ip = self.connection_file.removesuffix(".json") + "-ipc"
        return await super()._async_pre_start_kernel(**kw)


class ZygoteProvisioner(LocalProvisioner):
    """LocalProvisioner, launching a kernel by a fork of the zygote when it can, as a subprocess otherwise."""

    async def launch_kernel(self, cmd, **kwargs):
        manager = self.parent
        process = None
        if "env" in kwargs and (manager.sandbox or manager.scrub_environment):  # a stock kernel's too
            kwargs["env"] = sandbox.kernel_environment(kwargs["env"], manager.sandbox)
        if forkable(cmd, kwargs):
            process = await self._fork(cmd[3:], kwargs["env"], str(kwargs.get("cwd") or os.getcwd()))
        if process is None and manager.sandbox:  # no way around the sandbox: the kernel is not started
            why = _why_not.get(self._zygote_kind(), "see the warning before")
            raise RuntimeError(f"the sandbox could not start a kernel: {why}")
        if process is None:
            connection_info = await super().launch_kernel(cmd, **kwargs)
        else:
            # Popen's parts that LocalProvisioner uses; the kernel leads its own process group, as a stock one.
            # A sandboxed kernel's pid is its sandbox's, not ours: it is signalled through its pidfd alone.
            self.process, self.pid = process, process.pid
            self.pgid = None if manager.sandbox else process.pid
            self.cwd = kwargs.get("cwd") or pathlib.Path.cwd()
            connection_info = self.connection_info
        with _running_lock:
            _running.add(self.process)
        return connection_info

    async def _fork(self, args, env, cwd):
        """A kernel forked by this process' zygote of the right kind; None if no zygote can start."""
        manager, connection = self.parent, None
        if manager.sandbox:  # the kernel's folder is a copy in the sandbox; it reads its connection from us
            await asyncio.to_thread(sandbox.of_this_process().stage, cwd)
            connection = json.loads(pathlib.Path(manager.connection_file).read_text())
            cwd = sandbox.SUBMISSION
        for _ in range(2):  # a zygote that stopped (one of its own kernels may have killed it) is replaced once
            server = await asyncio.to_thread(_zygote, self._zygote_kind(), env, self.log)
            if server is None:
                return None
            if process := await asyncio.to_thread(server.fork, args, env, cwd, self.log, connection):
                return process
        return None

    async def kill(self, restart=False):
        """SIGKILL, then wait (briefly) until the kernel is gone, which takes milliseconds: jupyter_client then
        finds it gone at its first look, where it would look again only 0.1 s later."""
        await super().kill(restart)
        if isinstance(self.process, ForkedKernel):
            await asyncio.to_thread(self.process.gone_within, KILL_WAIT)

    def _zygote_kind(self):
        manager = self.parent
        return ZygoteKind(tuple(manager.preload), manager.sandbox, manager.memory_limit)


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
        if not getattr(process, "in_sandbox", False):  # a sandbox's pids are not ours to signal
            try:
                os.killpg(process.pid, signal.SIGKILL)  # its process group: the kernel and what it started
            except OSError:
                pass
        process.kill()  # if the group is gone already (nothing left to kill, then); a sandboxed kernel by its pidfd
    return len(running)


def stop_zygotes():
    """Stop this process' zygotes (done at exit); their running kernels stop with them. A later kernel starts a new
    zygote."""
    with _zygotes_lock:
        running = [server for server in _zygotes.values() if server]
        _zygotes.clear()
    for server in running:
        server.stop()


class ForkedKernel:
    """A kernel forked by a zygote, with the parts of subprocess.Popen that LocalProvisioner uses. It is the
    zygote's child, not ours: a pidfd tells when it exits and signals it without mistaking a recycled pid. The
    zygote reaps it, so its exit status is not known here: ``returncode`` is 0 once it has exited, however."""

    stdin = stdout = stderr = None

    def __init__(self, pid, pidfd, in_sandbox=False):
        self.pid, self.returncode, self._pidfd, self.in_sandbox = pid, None, pidfd, in_sandbox

    def poll(self):
        if self.returncode is None and _exited(self._pidfd, timeout=0):
            self.returncode = 0
        return self.returncode

    def wait(self, timeout=None):
        if self.returncode is None and not _exited(self._pidfd, timeout):
            raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        self.returncode = 0
        return self.returncode

    def gone_within(self, seconds):
        """Whether the kernel exits within ``seconds``."""
        return self.returncode is not None or _exited(self._pidfd, seconds)

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


class ZygoteKind(NamedTuple):
    """What tells one of a process' zygotes from another."""
    preload: tuple
    sandbox: bool = False
    memory_limit: int = 0


class Zygote:
    """Our end of a zygote: its process, and the socket we ask it for kernels through."""

    def __init__(self, kind, env):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        options = [*(["--memory-limit", str(kind.memory_limit)] if kind.memory_limit else []),
                   *(["--sandboxed"] if kind.sandbox else [])]
        arguments = [*options, str(theirs.fileno()), *kind.preload]
        command = [sys.executable, zygote.__file__, *arguments]
        env = {"MPLBACKEND": INLINE_BACKEND, **env}  # the first kernel's, as launch_kernel made it
        if kind.sandbox:
            command = sandbox.of_this_process().command([sandbox.executable(), sandbox.ZYGOTE, *arguments])
        self.in_sandbox = kind.sandbox
        with theirs:
            self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
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

    def fork(self, args, env, cwd, log, connection=None):
        """A kernel forked with these arguments, environment and folder; None if the zygote is gone (after a
        warning: it is forgotten, and the next kernel starts a new one). A sandboxed kernel is given its
        ``connection`` information, since it cannot read our connection file's path."""
        request = {"args": args, "env": env, "cwd": cwd}
        if connection is not None:
            request["connection"] = connection
        request = json.dumps(request).encode()
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
            log.warning("The kernels' zygote stopped answering (%s): a new one starts", reply["gone"])
            with _zygotes_lock:
                for key in [key for key, zygote in _zygotes.items() if zygote is self]:
                    del _zygotes[key]
            self.stop()
            return None
        if "failed" in reply:
            raise RuntimeError(f"the kernel could not be set up: {reply['failed']}")
        return ForkedKernel(reply["pid"], fds[0], in_sandbox=self.in_sandbox)

    def stop(self):
        self.socket.close()  # the zygote reads the end of its socket and exits
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_zygotes_lock = threading.Lock()
_zygotes = {}  # {ZygoteKind: its Zygote, or None where none could start}
_why_not = {}  # {ZygoteKind: why none could start}, for the error of a kernel that needs one
_running_lock = threading.Lock()
_running = weakref.WeakSet()  # the processes of this process' kernels, while LocalProvisioner holds them


def _zygote(kind, env, log):
    """This process' zygote of this kind, started now if need be; None if it cannot start."""
    with _zygotes_lock:
        if kind not in _zygotes:
            _zygotes[kind] = _start_zygote(kind, env, log)
        return _zygotes[kind]


def _start_zygote(kind, env, log):
    asked = kind
    if not (hasattr(os, "fork") and hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")):
        log.warning("Kernels start as stock ones: this system cannot fork them from a zygote")
        _why_not[asked] = "this system cannot fork kernels from a zygote"
        return None
    while True:
        try:
            return Zygote(kind, env)
        except Refused as refused:
            if refused.module not in kind.preload:
                log.warning("Kernels start as stock ones: no zygote could start (%s)", refused)
                _why_not[asked] = (f"its Python cannot import {refused.module} ({refused.why})" if refused.module
                                   else f"its Python exited as it started ({refused.why})")
                return None
            log.warning("Kernels import %s themselves: it cannot be preloaded (%s)", refused.module, refused.why)
            kind = kind._replace(preload=tuple(module for module in kind.preload if module != refused.module))
        except (OSError, ValueError) as error:
            log.warning("Kernels start as stock ones: no zygote could start (%s)", error)
            _why_not[asked] = str(error)
            return None


def _forget_inherited_state():
    """A process forked from ours (multiprocessing, say) starts zygotes of its own and has no kernels yet."""
    global _zygotes_lock, _running_lock
    _zygotes_lock, _running_lock = threading.Lock(), threading.Lock()
    _zygotes.clear()
    _why_not.clear()
    _running.clear()


os.register_at_fork(after_in_child=_forget_inherited_state)
atexit.register(stop_zygotes)


