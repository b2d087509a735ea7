"""TensorFlow, imported so that it writes nothing to stderr and gives the same numbers on every run.

nbgrader scores a test cell 0 when anything reaches stderr, and TensorFlow's import prints oneDNN and CPU
feature notices there: TF_CPP_MIN_LOG_LEVEL hides the C++ log lines but not the oneDNN one, which only
TF_ENABLE_ONEDNN_OPTS=0 removes. Both must be set before TensorFlow is first imported: importing this module sets
them (where they are not set), so that TensorFlow is quiet whoever imports it next, and ``import_tensorflow`` sets
them again for a process whose environment was replaced since (a kernel forked after the import).

TensorFlow itself is imported when ``import_tensorflow`` is called, not with this module, so that importing the
helpers stays light; ``LAZY_IMPORTS`` says so, for a process that imports ahead what its notebooks will use (the
grading kernels' zygote).
"""
import os

__all__ = ["import_tensorflow"]

LAZY_IMPORTS = {"import_tensorflow": ["tensorflow"]}
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}


def import_tensorflow(seed=0):
    """Import TensorFlow quietly, seed Python, NumPy and TensorFlow with ``seed``, and return the module."""
    _quiet()
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    tf.keras.utils.set_random_seed(seed)
    return tf


def _quiet():
    for name, value in QUIET.items():
        os.environ.setdefault(name, value)


_quiet()
