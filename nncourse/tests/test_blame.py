"""Messages name the student's function, not a test's helper, and a function relying on a wrong one of the
student's says first which one to fix. Cells run as IPython runs them: in one namespace called __main__, each
cell's source kept in linecache under a name of its own."""
import linecache

import numpy as np
import pytest

from nncourse import blame
from nncourse.checks import CheckFailed, check


@pytest.fixture
def notebook():
    """run(source): run a cell in the notebook's one namespace, which it returns."""
    namespace = {"__name__": "__main__", "np": np, "check": check}
    count = [0]

    def run(source):
        count[0] += 1
        filename = f"<notebook cell {count[0]}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
        exec(compile(source, filename, "exec"), namespace)
        return namespace
    yield run
    blame._failed.clear()


def failure(run, source):
    with pytest.raises(CheckFailed) as raised:
        run(source)
    return str(raised.value)


GRADIENTS = """
def gradients(w):
    return -2 * w   # the sign is wrong: the right answer is 2 * w
"""
DESCENT = """
def descend(w, rate, steps):
    for _ in range(steps):
        w = w - rate * gradients(w)
    return w
"""


def test_a_function_relying_on_a_wrong_one_names_that_one_first(notebook):
    notebook(GRADIENTS)
    inner = failure(notebook, "check(gradients, 3.0, expect=6.0)")
    assert inner.startswith("gradients(3) returned -6 but should return 6")
    notebook(DESCENT)
    outer = failure(notebook, "check(descend, 1.0, 0.25, 2, expect=0.25)")
    assert outer.startswith("descend relies on your gradients, whose own test failed (it returned -6 but should "
                            "return 6); fix gradients first. Here, descend(1, 0.25, 2) returned 2.25")


def test_a_redefined_function_is_no_longer_blamed(notebook):
    notebook(GRADIENTS)
    failure(notebook, "check(gradients, 3.0, expect=6.0)")
    notebook(GRADIENTS.replace("-2 * w", "2 * w"))  # fixed, and its test not run again
    notebook(DESCENT.replace("w - rate", "w + rate"))
    outer = failure(notebook, "check(descend, 1.0, 0.25, 2, expect=0.25)")
    assert outer.startswith("descend(1, 0.25, 2) returned 2.25 but should return 0.25")


def test_a_helper_of_the_test_is_never_named(notebook):
    notebook(GRADIENTS)
    notebook(DESCENT)
    message = failure(notebook, """
def final_point(digits, descend, *args):  # where descend ends, rounded
    return round(descend(*args), digits)
check(final_point, 6, descend, 1.0, 0.25, 2, expect=0.25)
""")
    assert message.startswith("descend(1, 0.25, 2) returned 2.25")
    assert message.endswith("The test looks at where descend ends, rounded.")
    assert "final_point" not in message
    message = failure(notebook, """
def end_of_descent(w, rate, steps):
    # where descend ends
    return descend(w, rate, steps)
check(end_of_descent, 1.0, 0.25, 2, expect=0.25)
""")
    assert message.startswith("descend(1, 0.25, 2) returned 2.25")
    assert message.endswith("The test looks at where descend ends.")


def test_a_helper_s_note_is_left_out_where_another_function_is_to_be_fixed_first(notebook):
    """The function to fix comes first; what the helper looks at would only make the sentence longer."""
    notebook(GRADIENTS)
    failure(notebook, "check(gradients, 3.0, expect=6.0)")
    notebook(DESCENT)
    message = failure(notebook, """
def end_of_descent(w, rate, steps):  # where descend ends, rounded to 6 decimals, and whether it went downhill
    return round(descend(w, rate, steps), 6)
check(end_of_descent, 1.0, 0.25, 2, expect=0.25)
""")
    assert message.startswith("descend relies on your gradients, whose own test failed")
    assert message.endswith("Here, descend(1, 0.25, 2) returned 2.25 but should return 0.25.")
