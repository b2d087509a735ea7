"""Importing the helpers is fast and quiet: no TensorFlow, scikit-learn or matplotlib unless asked, nothing on
stderr even when TensorFlow is asked for."""
import subprocess
import sys


def run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_importing_every_light_module_loads_no_heavy_library():
    result = run("import sys, nncourse, nncourse.checks, nncourse.data, nncourse.plotting, nncourse.gradcheck, "
                 "nncourse.tf, nncourse.timing, nncourse.domain; "
                 "print(sorted(m for m in ('tensorflow', 'sklearn', 'matplotlib', 'hypothesis') if m in sys.modules))")
    assert result.stdout.strip() == "[]"


def test_tensorflow_imports_without_a_word_on_stderr_and_seeded():
    result = run("from nncourse.tf import import_tensorflow\n"
                 "tf = import_tensorflow(seed=1)\n"
                 "a = tf.random.uniform((2,)).numpy()\n"
                 "tf = import_tensorflow(seed=1)\n"
                 "print((a == tf.random.uniform((2,)).numpy()).all())")
    assert result.stderr == ""
    assert result.stdout.strip() == "True"


def test_tensorflow_imported_right_after_the_helper_writes_nothing_on_stderr():
    """As the grading kernels' zygote imports it (nncourse.tf's LAZY_IMPORTS)."""
    result = run("import nncourse.tf, tensorflow as tf\nprint(tf.reduce_sum(tf.ones(3)).numpy())")
    assert result.stderr == ""
    assert result.stdout.strip() == "3.0"
