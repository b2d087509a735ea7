"""search(): a right answer passes the whole declared domain; a wrong one fails on the smallest input it is wrong
for, through check's own message, the same on every run, with nothing on stdout or stderr and nothing written."""
import subprocess
import sys
import time

import nbformat
import numpy as np
import pytest
from hypothesis import strategies as st
from nbclient import NotebookClient

from nncourse.checks import CheckFailed, Mistake, python_number
from nncourse.domain import real_arrays, reals, search, ties

# The searches below look for inputs that about 1 draw in 6 of these test strategies reaches (a tie just below
# w·x, an x of length 3): more than the EXAMPLES a notebook's search draws, whose strategies are its own.
RARE_INPUT_EXAMPLES = 40


def weighted_sum_above(x, w, threshold):
    return python_number(int(np.dot(np.asarray(w, dtype=float), np.asarray(x, dtype=float)) > threshold))


def perceptron_inputs(sizes=st.integers(0, 5)):
    """(x, w, threshold) with the threshold at, just above or just below w·x, or anywhere."""
    def with_threshold(x, w):
        near = ties(float(np.dot(w.astype(float), x.astype(float))))
        return st.tuples(st.just(x), st.just(w), st.one_of(near, reals(10)))
    pairs = sizes.flatmap(lambda n: st.tuples(real_arrays((n,), dtypes=("binary",)), real_arrays((n,))))
    return pairs.flatmap(lambda pair: with_threshold(*pair))


def failure(function, *args, **kwargs):
    with pytest.raises(CheckFailed) as raised:
        search(function, *args, **kwargs)
    return raised.value


def test_a_right_answer_passes():
    search(lambda x, w, threshold: 1 if np.dot(w, x) > threshold else 0, weighted_sum_above, perceptron_inputs())


def test_a_wrong_answer_fails_on_the_smallest_input_with_the_suspects_computed_for_it():
    def ties_give_one(x, w, threshold):
        return 1 if np.dot(w, x) >= threshold else 0
    failed = failure(ties_give_one, weighted_sum_above, perceptron_inputs(),
                     suspects=lambda x, w, threshold: {Mistake.THRESHOLD_TIE: int(np.dot(w, x) >= threshold)})
    assert str(failed) == ("ties_give_one(np.array([]), np.array([]), 0) returned 1 but should return 0. "
                           f"{Mistake.THRESHOLD_TIE.hint()}")
    assert failed.mistakes == ["THRESHOLD_TIE"]


def test_an_input_only_a_few_draws_reach_is_found_and_shrunk():
    def off_within_a_billionth(x, w, threshold):
        return 1 if np.dot(w, x) > threshold + 1e-9 else 0
    message = str(failure(off_within_a_billionth, weighted_sum_above, perceptron_inputs(st.integers(1, 5)),
                          examples=RARE_INPUT_EXAMPLES))
    assert message == "off_within_a_billionth(np.array([0]), np.array([0]), -1e-09) returned 0 but should return 1."


def test_a_type_promise_is_held_over_the_domain():
    message = str(failure(lambda x, w, threshold: np.dot(w, x) > threshold, weighted_sum_above, perceptron_inputs()))
    assert "returned False, a NumPy bool, but should return 0, an int: convert it with `int(...)`" in message
    message = str(failure(lambda x, w, threshold: np.int64(np.dot(w, x) > threshold), weighted_sum_above,
                          perceptron_inputs()))
    assert "returned 0 as a NumPy int64 but should return the Python int 0: convert it with `int(...)`" in message


def test_the_same_failure_is_reported_on_every_run_in_any_process():
    """Derandomized, and blind to the constants of whatever else the process imported."""
    code = ("import numpy as np\n{}\nimport nncourse.tests.test_domain as t\n"
            "from nncourse.checks import CheckFailed\n"
            "try:\n"
            "    t.search(lambda x, w, c: int(np.dot(w, x) > c + 0.5), t.weighted_sum_above, t.perceptron_inputs(),\n"
            "             examples=t.RARE_INPUT_EXAMPLES)\n"
            "except CheckFailed as failed:\n"
            "    print(failed)\n")
    runs = {subprocess.run([sys.executable, "-c", code.format(imports)], capture_output=True, text=True,
                           check=True).stdout for imports in ("", "import nncourse.data, nncourse.plotting")}
    assert len(runs) == 1 and "returned 0 but should return 1" in runs.pop()


def test_a_search_prints_nothing_writes_nothing_and_counts_as_one_check(tmp_path, monkeypatch, capfd):
    monkeypatch.chdir(tmp_path)
    def prints(x, w, threshold):
        print("step", x)
        return 1 if np.dot(w, x) > threshold else 0
    search(prints, weighted_sum_above, perceptron_inputs())
    failure(lambda x, w, threshold: 0, weighted_sum_above, perceptron_inputs())
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out.count("step") == 0
    assert list(tmp_path.iterdir()) == []


def test_a_warning_or_a_changed_argument_anywhere_in_the_domain_fails():
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))
    failed = failure(sigmoid, lambda z: 0.5 * (1 + np.tanh(z / 2)), st.tuples(real_arrays((2,), magnitude=1000,
                                                                                      dtypes=("float",))))
    assert "emitted RuntimeWarning: overflow" in str(failed)

    def doubles_in_place(v):
        v *= 2
        return v
    failed = failure(doubles_in_place, lambda v: 2 * v, st.tuples(real_arrays((2,), dtypes=("float",))))
    assert failed.mistakes == ["MUTATED_INPUT"]
    assert str(failed).startswith("doubles_in_place(np.array([1.0, 1.0])) changed its argument np.array([1.0, 1.0]) "
                                  "to np.array([2.0, 2.0])")


def test_inputs_the_reference_refuses_lie_outside_the_domain():
    def inverse(x):
        if x == 0:
            raise ZeroDivisionError("no inverse")
        return 1 / x
    search(lambda x: 1 / x, inverse, st.tuples(st.integers(-3, 3)))


def test_a_slow_answer_fails_within_the_seconds_it_is_given():
    def slow(x, w, threshold):
        time.sleep(0.1)
        return 1 if np.dot(w, x) > threshold else 0
    started = time.monotonic()
    failed = failure(slow, weighted_sum_above, perceptron_inputs(), seconds=0.5)
    assert time.monotonic() - started < 2
    assert failed.mistakes == ["NEVER_FINISHED"]


def test_a_loop_that_never_ends_fails_on_the_call_that_hangs():
    def hangs(x, w, threshold):
        while len(x) == 3:
            pass
        return 1 if np.dot(w, x) > threshold else 0
    failed = failure(hangs, weighted_sum_above, perceptron_inputs(), seconds=1,
                     examples=RARE_INPUT_EXAMPLES)
    assert str(failed).startswith("hangs(np.array([") and failed.mistakes == ["NEVER_FINISHED"]


def test_in_a_notebook_a_failed_search_shows_neither_the_reference_nor_the_hidden_lines():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in (
        "import numpy as np\nfrom nncourse.checks import check",
        "def xor(X, gate):\n    return gate(X[:, :1])",
        "# hidden tests\n### BEGIN HIDDEN TESTS\nfrom hypothesis import strategies as st\n"
        "from nncourse.domain import search, real_arrays\n"
        "def nand_gate(A):\n    return (np.asarray(A) @ np.array([-1.0, -1.0]) + 1.5 > 0).astype(int)\n"
        "def secret_reference_xor(X, gate):\n    return (X[:, 0] != X[:, 1]).astype(int)\n"
        "search(xor, secret_reference_xor, st.tuples(real_arrays((3, 2), dtypes=('binary',)), "
        "st.just(nand_gate)))\n"
        "### END HIDDEN TESTS",
        "# hidden tests\n### BEGIN HIDDEN TESTS\nsearch(lambda X, gate: X[:, 0] @ np.ones((3, 3)), secret_reference_xor, "
        "st.tuples(real_arrays((3, 2), dtypes=('binary',)), st.just(nand_gate)))\n"
        "### END HIDDEN TESTS",
    )]
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3").execute()
    for cell in nb.cells[2:]:
        shown = "\n".join(cell.outputs[0].traceback)
        assert "in the hidden tests of this cell" in shown, shown
        assert "secret_reference" not in shown and "!=" not in shown and "@ np.array" not in shown, shown
