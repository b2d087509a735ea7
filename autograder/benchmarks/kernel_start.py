"""How much faster a kernel forked from a zygote starts than a stock one, on this machine, right now.

    python -m autograder.benchmarks.kernel_start [--kernels 10]

Runs the same one-cell notebook, importing NumPy, matplotlib and TensorFlow as the course's notebooks do, in stock
kernels and in kernels forked from a zygote that preloads them (autograder/pipeline/warm_kernels.py), one kernel
of each in every round so that both see the same machine noise. A kernel's seconds are what grading pays for it:
start, the first cell, shutdown. Prints each round and the median of each kind and their ratio; the first forked
kernel, which starts the zygote (once per grading process), is timed apart. Not a test: the numbers belong in a
note, not in an assertion.
"""
import argparse
import statistics
import time

from jupyter_client import AsyncKernelManager
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from autograder.pipeline.warm_kernels import WarmKernelManager, stop_zygotes

PRELOAD = ["numpy", "matplotlib", "tensorflow"]
FIRST_CELL = "import numpy as np\nimport matplotlib.pyplot as plt\nimport tensorflow as tf"


def timed_kernel(manager):
    """Seconds to run the one-cell notebook in a new kernel of this manager class (AsyncKernelManager is
    nbclient's, and nbgrader's, stock one)."""
    config = Config()
    config.WarmKernelManager.preload = PRELOAD
    nb = new_notebook(cells=[new_code_cell(FIRST_CELL)])
    start = time.perf_counter()
    NotebookClient(nb, kernel_manager_class=manager, config=config, timeout=300).execute()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernels", type=int, default=10, help="kernels of each kind, one of each per round")
    options = parser.parse_args()

    print(f"{options.kernels} stock kernels vs {options.kernels} forked from a zygote preloading {', '.join(PRELOAD)}")
    zygote = timed_kernel(WarmKernelManager)
    print(f"first forked kernel, starting the zygote: {zygote:.2f} s")
    stock, warm = [], []
    for round_ in range(options.kernels):
        stock.append(timed_kernel(AsyncKernelManager))
        warm.append(timed_kernel(WarmKernelManager))
        print(f"round {round_ + 1}: stock {stock[-1]:.2f} s   forked {warm[-1]:.2f} s   ratio {stock[-1] / warm[-1]:.2f}")
    stop_zygotes()
    median_stock, median_warm = statistics.median(stock), statistics.median(warm)
    print(f"median seconds per kernel: stock {median_stock:.2f}, forked {median_warm:.2f}: "
          f"{median_stock / median_warm:.2f}x faster forked")


if __name__ == "__main__":
    main()
