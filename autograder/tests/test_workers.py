"""The grading pipeline's local Dask cluster (autograder/pipeline/workers.py)."""
import os

from autograder.pipeline.workers import cluster


def test_local_workers_have_this_process_environment_as_it_is_now(monkeypatch):
    """Workers are forked from a server started with a first cluster: they still see what changed since."""
    with cluster(1):
        pass
    monkeypatch.setenv("COURSE_WORKERS_PROBE", "set after the first cluster")
    with cluster(2) as client:
        seen = client.run(lambda: os.environ.get("COURSE_WORKERS_PROBE"))  # (os.environ.get would travel with ours)
        assert list(seen.values()) == ["set after the first cluster"] * 2
