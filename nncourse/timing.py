"""Timing a computation the way the notebooks compare a loop with its vectorised form."""
import time

__all__ = ["best_time"]


def best_time(function, repeat):
    """The fastest of ``repeat`` calls of ``function()``, in seconds: the one least disturbed by whatever else the
    computer does."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)
