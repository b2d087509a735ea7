"""TensorFlow, imported so that it writes nothing to stderr and gives the same numbers on every run.

nbgrader scores a test cell 0 when anything reaches stderr, and TensorFlow's import prints oneDNN and CPU
feature notices there: TF_CPP_MIN_LOG_LEVEL hides the C++ log lines but not the oneDNN one, which only
TF_ENABLE_ONEDNN_OPTS=0 removes. Both must be set before TensorFlow is first imported.
"""
import os

__all__ = ["import_tensorflow"]


def import_tensorflow(seed=0):
    """Import TensorFlow quietly, seed Python, NumPy and TensorFlow with ``seed``, and return the module."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    tf.keras.utils.set_random_seed(seed)
    return tf
