"""Grading a class: one task per student, run by Dask's distributed scheduler, or in this process.

By default the scheduler and one worker per core run on this machine (a LocalCluster on loopback). A class that
outgrows one machine runs the same tasks on a cluster's workers: start a scheduler there (for example with
dask-jobqueue's SLURMCluster or PBSCluster) and pass its address; the workers need this repository at the same
path and the gradebook must be a server database (a PostgreSQL db_url), since SQLite is a file on one machine.
One student (a regrade), or one worker, is graded in this process by the same task, without a cluster: starting
one costs seconds that a single worker would not win back.

Each task grades one student from start to end and returns its Outcome; the gradebook is written by nbgrader in
the worker, one student's rows per task, so no two tasks write the same rows, and a regrade of one student is
the same task alone. SQLite serialises the writes (the workers wait for the lock instead of failing). Each worker
process keeps its warm kernel (warm_kernels.py) from one task to the next, so a worker pays the imports once.
"""
import logging
import os
import sqlite3
import tempfile
from contextlib import closing, contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine
from tqdm import tqdm

from ..notebooks import modules_used
from . import preflight
from .grade import CELL_TIME_LIMIT, GraderFailure, grade
from .outcomes import UNGRADABLE, Outcome
from .warm_kernels import stop_zygotes

SQLITE_WAIT = 120  # seconds a worker waits for another's write to the SQLite gradebook before giving up


def default_workers():
    return len(os.sched_getaffinity(0))


@contextmanager
def cluster(workers=None, scheduler=None):
    """A Dask client: of the scheduler at ``scheduler``'s address, or of a new cluster on this machine.

    A local cluster's workers are forked from a server process that has imported what grading imports (1.5 s a
    worker otherwise): the server starts with this process' first cluster and serves every later one. Each worker
    then takes this process' environment as it is now, not as it was when the server started."""
    import dask  # imported here: grading in this process needs none of Dask
    from distributed import Client, LocalCluster
    from distributed.utils import get_mp_context

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # Dask's scratch folders in one of ours, removed with the cluster: Dask leaves its own behind
    with tempfile.TemporaryDirectory(prefix="nncourse-dask-") as folder, \
            dask.config.set({"distributed.worker.multiprocessing-method": "forkserver",
                             "temporary-directory": folder}):
        get_mp_context().set_forkserver_preload(["distributed", __name__])  # Dask's context, once Dask set it up
        # The scheduler's HTTP server on a free loopback port: Dask's default, 8787, may be taken, and it then warns.
        with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                          env=dict(os.environ)) as local, Client(local) as client:
            yield client


def grade_students(course, assignment, students, *, workers=None, scheduler=None, cell_time_limit=CELL_TIME_LIMIT,
                   warn=print):
    """{student: Outcome} for each of ``students``, graded by the cluster's workers (in this process for one
    student or one worker); a progress bar while they run, and each warning worth a person's attention through
    ``warn``. The workers' kernels start with the modules the assignment uses already imported (warm_kernels.py).

    Raises preflight.GraderBroken, and gives no student an outcome, when the workers cannot grade (preflight.py),
    or when every student of two or more failed for the same reason of the grader's."""
    preload = tuple(modules_used(course.notebook("source", assignment)))
    db_url = course.db_url
    if db_url.startswith("sqlite:") and "?" not in db_url:
        _write_ahead(db_url.removeprefix("sqlite:///"))
        db_url = f"{db_url}?timeout={SQLITE_WAIT}"
    tasks = {student: (str(course.root), db_url, assignment, student, preload, cell_time_limit)
             for student in students}
    here = scheduler is None and min(len(tasks), workers or default_workers()) <= 1
    graded = (_in_this_process(tasks, course, preload) if here
              else _on_workers(tasks, assignment, workers, scheduler, course, preload))
    outcomes, said, grader_failed = {}, set(), {}
    progress = tqdm(graded, total=len(tasks), desc=f"grading {assignment}", unit="student", disable=None)
    for student, result in progress:
        if isinstance(result, Exception):  # the worker itself failed (it died, or no kernel started in it)
            why = str(result) if isinstance(result, GraderFailure) else f"its worker failed: {result}"
            outcome, warnings = Outcome(student, UNGRADABLE, f"the grader failed on it: {why}"), []
            grader_failed[student] = why
        else:
            outcome, warnings = result
        outcomes[student] = outcome
        for warning in warnings:
            if warning not in said:  # a warning about the grading itself comes from every student's task
                said.add(warning)
                progress.write(warning) if not progress.disable else warn(warning)
    if broken := preflight.grader_failure(assignment, grader_failed, students):
        raise broken
    return outcomes


def _write_ahead(path):
    """Put the SQLite gradebook in write-ahead-log mode (it stays so): its commits then need no wait for the
    disk (see _commit_without_waiting_for_the_disk), and a reader never blocks a writer. Done before any worker
    connects, since the switch needs the file to itself."""
    if os.path.isfile(path):
        with closing(sqlite3.connect(path, timeout=SQLITE_WAIT)) as connection:
            connection.execute("PRAGMA journal_mode=WAL")


@event.listens_for(Engine, "connect")
def _commit_without_waiting_for_the_disk(connection, _):
    """nbgrader commits the gradebook after every graded cell, and SQLite's default waits for the disk each time
    (24 ms here: most of a second per student). In write-ahead-log mode, "normal" syncing only at checkpoints
    loses no consistency: a power cut can lose the last commits, never the file, and grading again restores them."""
    if isinstance(connection, sqlite3.Connection):
        if connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            connection.execute("PRAGMA synchronous=NORMAL")


def _in_this_process(tasks, course, preload):
    """(student, the task's result or the exception it raised), graded one after another in this process, once
    the preflight has shown that this process can grade."""
    try:
        preflight.check_here(course, preload)
        for student, arguments in tasks.items():
            try:
                yield student, grade(*arguments)
            except Exception as error:
                yield student, error
    finally:
        stop_zygotes()


def _on_workers(tasks, assignment, workers, scheduler, course, preload):
    """(student, the task's result or the exception it raised), as the cluster's workers finish them, once the
    preflight has shown that every worker can grade."""
    from distributed import as_completed

    with cluster(workers, scheduler) as client:
        preflight.check(client, course, preload)
        futures = {client.submit(grade, *arguments, key=f"grade-{assignment}-{student}", pure=False): student
                   for student, arguments in tasks.items()}
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except Exception as error:
                yield futures[future], error
        client.run(stop_zygotes)  # before the workers go: a zygote outliving its worker would hold its output open
