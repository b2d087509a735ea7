"""The zygote: a process that imports the heavy modules once, then forks a fresh kernel for each request.

Run as a script, `python zygote.py SOCKET_FD [--memory-limit BYTES] [--sandboxed] MODULE...`, by warm_kernels.py,
which holds the socket's other end; in a sandbox (sandbox.py) this file is all of the course's code it can see,
so it imports nothing but the standard library. One thread, and no zmq context or other half-done work at any
fork, so that every kernel starts from a quiet process.

In a sandbox the zygote is the only long-lived process of its own process namespace, and it serves one kernel at
a time: before each fork it kills whatever the previous kernel left running and empties the sandbox's memory file
systems (/scratch, /dev/shm), so nothing of one student's code is still running, or left behind, when the next
student's starts.
"""
import argparse
import atexit
import gc
import importlib
import json
import os
import resource
import runpy
import signal
import socket
import sys
import threading

KERNEL_MODULE = "ipykernel_launcher"  # kernels are `python -m ipykernel_launcher -f CONNECTION_FILE`
KERNEL_IMPORTS = ["ipykernel.kernelapp", "ipykernel.ipkernel"]  # what every kernel imports (IPython, zmq, tornado)
MESSAGE_SIZE = 1 << 20  # a request carries the kernel's environment
SANDBOX_SCRATCH = "/scratch"  # a sandboxed kernel's home and temporary folder, emptied before each kernel
SANDBOX_CONNECTION_FILE = f"{SANDBOX_SCRATCH}/kernel.json"  # where a sandboxed kernel finds its connection file
SANDBOX_IPC = "/ipc"  # where a sandboxed kernel finds its sockets' folder
SANDBOX_EMPTIED = [SANDBOX_SCRATCH, "/dev/shm"]  # the sandbox's own memory file systems, emptied before each kernel
# Address space a kernel may map beyond its data (--memory-limit): the libraries, thread stacks, malloc arenas and
# TensorFlow's reservations. Measured: a kernel that imported ipykernel, NumPy and matplotlib maps 0.2 GB; with
# TensorFlow 1.2 GB; 08's solution notebook, after training its models, 2.6 GB at its peak (23 threads).
ADDRESS_SPACE_HEADROOM = 3 << 30
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def serve(channel_fd, preload, memory_limit=None, sandboxed=False):
    """Preload, then fork a kernel for every request until the socket closes; each reply carries a pidfd."""
    channel = socket.socket(fileno=channel_fd)
    # The kernels' parent, which ipykernel watches to exit with it: ipykernel reads it when imported, here.
    os.environ["JPY_PARENT_PID"] = str(os.getpid())
    if not sys.flags.safe_path:
        del sys.path[0]  # this file's folder, which Python put first: it must not shadow a library
    for module in [*KERNEL_IMPORTS, *preload]:
        try:
            importlib.import_module(module)
            if (threads := _threads_through_a_fork()) > 1:
                raise RuntimeError(f"its import leaves {threads - 1} thread(s) running through a fork")
        except Exception as error:
            channel.send(json.dumps({"refused": module, "why": f"{type(error).__name__}: {error}"}).encode())
            return
    if memory_limit:
        # Counted per process, so each kernel has its own (what it shares with the zygote included); an
        # allocation beyond it raises MemoryError in the kernel instead of taking the machine's memory.
        # RLIMIT_DATA bounds private allocations; shared mappings (mmap of /dev/zero or anonymous and shared)
        # escape it, so the whole address space is bounded too.
        resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, memory_limit))
        address_space = memory_limit + ADDRESS_SPACE_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    channel.send(b"{}")
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they exit
    gc.freeze()  # what is preloaded lives on: the kernels' collections need not touch it and copy its pages
    while True:
        request, stdio, _, _ = socket.recv_fds(channel, MESSAGE_SIZE, 3)
        if not request:
            return  # our caller closed its end, or died
        if sandboxed:
            _kill_everything_else_in_this_namespace()
            for folder in SANDBOX_EMPTIED:
                _empty(folder)
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
        _die_with_the_zygote()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the kernel waits for its own subprocesses
        for target, fd in enumerate(stdio):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"], JPY_PARENT_PID=str(os.getppid()))  # as ipykernel was told, above
        args = request["args"]
        if "connection" in request:  # sandboxed: the connection file is ours to write, its sockets are in /ipc
            args = _connect_in_sandbox(args, request["connection"])
        sys.argv = [KERNEL_MODULE, *args]
        if not sys.flags.safe_path:
            sys.path.insert(0, os.getcwd())  # as `-m` does; ipykernel_launcher takes it off, IPython puts it back
        _reseed()
    except BaseException as error:
        os.write(report, f"{type(error).__name__}: {error}".encode())
        os._exit(1)
    os.close(report)
    runpy.run_module(KERNEL_MODULE, run_name="__main__", alter_sys=True)
    _exit_as_a_forked_child()


def _die_with_the_zygote():
    """End the kernel the moment its zygote ends (Linux's parent-death signal; the zygote has one thread), not a
    second later when ipykernel next looks for its parent: a kernel that kills its zygote dies at once."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _connect_in_sandbox(args, connection):
    """The kernel's arguments, its connection file written where the sandbox has it, with the sockets' folder as
    the sandbox mounts it (the client outside sees the same sockets under another path)."""
    connection = {**connection, "ip": f"{SANDBOX_IPC}/{os.path.basename(connection['ip'])}"}
    with open(SANDBOX_CONNECTION_FILE, "w") as file:
        json.dump(connection, file)
    at = args.index("-f")
    return [*args[:at + 1], SANDBOX_CONNECTION_FILE, *args[at + 2:]]


def _kill_everything_else_in_this_namespace():
    """Kill every process of this process namespace but this one and its init: what earlier kernels left
    running (a subprocess, a daemon). Only ever done as the second process of a namespace of our own, where
    "every process" is the sandbox's, never the machine's."""
    if os.getpid() != 2 or os.getppid() != 1:
        raise RuntimeError("a sandboxed zygote must be the first process under its namespace's init")
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass  # nothing was left


def _empty(folder):
    """Remove everything in ``folder``, which the last kernel may have filled: nothing of one student's is left
    for the next (the processes that could still write there are gone). A folder made unreadable is made
    readable first; how deep the folders go does not matter."""
    for dirpath, dirnames, _ in os.walk(folder):
        for path in (os.path.join(dirpath, name) for name in dirnames):
            if not os.path.islink(path):
                os.chmod(path, 0o700)
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        for name in filenames:
            os.unlink(os.path.join(dirpath, name))
        for name in dirnames:
            path = os.path.join(dirpath, name)
            os.unlink(path) if os.path.islink(path) else os.rmdir(path)


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


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("socket_fd", type=int)
    parser.add_argument("--memory-limit", type=int, help="bytes of data each kernel may have")
    parser.add_argument("--sandboxed", action="store_true", help="run in a sandbox's own process namespace")
    parser.add_argument("preload", nargs="*")
    options = parser.parse_args(argv)
    serve(options.socket_fd, options.preload, options.memory_limit, options.sandboxed)


if __name__ == "__main__":
    main(sys.argv[1:])
