"""check(), check_raises() and check_rules(): right answers pass, and each kind of wrong answer gets the sentence
that names it."""
import importlib.util
import textwrap

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from nncourse.checks import (MISTAKES_MIME, RECORD_MISTAKES, CheckFailed, any_real, check, check_raises, check_rules,
                             python_number)
from nncourse.compare import describe_call, show
from nncourse.mistakes import Mistake


def failure(function, *args, **kwargs):
    with pytest.raises(CheckFailed) as raised:
        check(function, *args, **kwargs)
    return str(raised.value)


@pytest.fixture
def cell(tmp_path):
    """cell(source) -> the module namespace after running ``source``, as a notebook cell would define it (its
    functions' source can be read, and their globals are the cell's)."""
    def define(source):
        path = tmp_path / f"cell_{len(list(tmp_path.iterdir()))}.py"
        path.write_text("import numpy as np\n" + textwrap.dedent(source))
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    return define


# Values, types and dtypes

def test_a_right_answer_passes_and_returns_nothing():
    assert check(lambda a, b: float(np.dot(a, b)), [2, 3, 1], [4, -1, 5], expect=10.0) is None


def test_any_order_of_summation_in_float64_passes():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=1000), rng.normal(size=1000)
    check(lambda: sum(x * y for x, y in reversed(list(zip(a, b)))), expect=np.dot(a, b))
    check(lambda: np.sort(a * b).sum(), expect=np.dot(a, b))


def test_float32_arithmetic_on_float64_inputs_is_named():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=20), rng.normal(size=20)
    message = failure(lambda a, b: a.astype(np.float32) * b.astype(np.float32), a, b, expect=a * b)
    assert Mistake.FLOAT32.diagnosis in message
    # Exact small numbers survive float32, so the dtype itself is checked too ...
    message = failure(lambda a: a.astype(np.float32) * 2, np.array([1.0, 2.0]), expect=np.array([2.0, 4.0]))
    assert Mistake.FLOAT32.diagnosis in message
    # ... and a float32 sum turned back into float64 is caught by its lost digits.
    message = failure(lambda a, b: float(np.dot(a.astype(np.float32), b.astype(np.float32))), a, b,
                      expect=np.dot(a, b))
    assert Mistake.FLOAT32.diagnosis in message


def test_a_float32_result_is_fair_for_float32_inputs():
    a = np.array([0.1, 0.2], dtype=np.float32)
    check(lambda a: a * 2, a, expect=a.astype(float) * 2, rtol=1e-6)


def test_a_list_where_the_docstring_promises_an_array_is_named():
    message = failure(lambda: [0.5, 1.0], expect=np.array([0.5, 1.0]))
    assert message == (f"<lambda>() returned a list [0.5, 1.0] but should return np.array([0.5, 1.0]), a NumPy "
                       f"array. {Mistake.RETURNED_LIST.hint()}")


def test_an_expected_list_accepts_a_list():
    check(lambda: [1, 2], expect=[1, 2])


@pytest.mark.parametrize("result", [np.array([2, 4, 6]), np.array([0, 1, 1])])
def test_an_integer_array_where_floats_are_promised_is_named(result):
    message = failure(lambda: result, expect=np.array([2.0, 4.0, 6.0]) if result[0] else np.array([0.5, 1.0, 1.5]))
    assert Mistake.INTEGER_RESULT.diagnosis in message


def test_an_int_where_a_float_is_promised_is_named_a_truncation_only_when_its_value_is_cut():
    assert Mistake.INTEGER_RESULT.diagnosis in failure(lambda: 2, expect=2.5)
    message = failure(lambda: np.int64(2), expect=2.0)
    assert Mistake.NUMBER_TYPE.diagnosis in message and "convert it with `float(...)`" in message


# The type an expectation carries is a promise, kept both ways

@pytest.mark.parametrize("expected, accepted, refused", [
    (10, [10, np.int64(10), np.int32(10), np.array(10), np.uint8(10)], [10.0, np.float64(10), np.array(10.0)]),
    (1.0, [1.0, np.float64(1), np.array(1.0)], [True, np.True_, 1, np.int64(1)]),
    (1, [1, np.int64(1)], [True, np.True_, 1.0]),
    (True, [True, np.True_, np.array(True)], [1, np.int64(1), 1.0]),
])
def test_a_number_must_be_of_the_kind_it_is_expected_as(expected, accepted, refused):
    for number in accepted:
        check(lambda: number, expect=expected)
    for number in refused:
        message = failure(lambda: number, expect=expected)
        assert Mistake.NUMBER_TYPE.diagnosis in message, message
        assert f"convert it with `{type(expected).__name__}(...)`" in message


def test_a_number_of_the_wrong_kind_says_both_types_and_what_to_write():
    assert failure(lambda: np.True_, expect=1) == (
        f"<lambda>() returned True, a NumPy bool, but should return 1, an int: convert it with `int(...)`. "
        f"{Mistake.NUMBER_TYPE.hint()}")
    assert failure(lambda: 10.0, expect=10).startswith(
        "<lambda>() returned 10.0, a float, but should return 10, an int: convert it with `int(...)`.")


@pytest.mark.parametrize("actual, expected, fix", [
    (np.array([165.0, -531.0]), np.array([165, -531]), ".astype(int)"),
    (np.array([True, False]), np.array([1, 0]), ".astype(int)"),
    (np.array([1, 0]), np.array([True, False]), ".astype(bool)"),
])
def test_an_array_must_hold_the_kind_of_number_it_is_expected_to(actual, expected, fix):
    message = failure(lambda: actual, expect=expected)
    assert f"convert it with `{fix}`" in message and Mistake.NUMBER_TYPE.hint() in message
    check(lambda: actual.astype(expected.dtype), expect=expected)


def test_an_unsigned_or_narrower_int_array_is_an_int_array():
    check(lambda: np.array([1, 0], dtype=np.uint8), expect=np.array([1, 0]))
    check(lambda: np.array([1, 0], dtype=np.int32), expect=np.array([1, 0]))


@pytest.mark.parametrize("number", [1, True])
def test_python_number_refuses_numpy_numbers_and_0d_arrays_and_says_what_to_write(number):
    check(lambda: number, expect=python_number(number))
    name = type(number).__name__
    for numpy_number in (np.int64(1) if name == "int" else np.True_, np.array(number)):
        message = failure(lambda: numpy_number, expect=python_number(number))
        assert f"but should return the Python {name} {number!r}: convert it with `{name}(...)`" in message, message
        assert Mistake.NUMBER_TYPE.hint() in message
    assert Mistake.NUMBER_TYPE.diagnosis in failure(lambda: 1.0, expect=python_number(1))


def test_python_number_takes_only_python_numbers():
    with pytest.raises(TypeError):
        python_number(np.int64(1))


@pytest.mark.parametrize("actual", [2, 2.0, np.int64(2), np.float64(2), np.array(2)])
def test_any_real_accepts_an_int_or_a_float_of_the_value(actual):
    check(lambda: actual, expect=any_real(2.0))


def test_any_real_accepts_int_and_float_arrays_but_not_other_values_or_bools():
    check(lambda: np.array([[2, 4]]), expect=any_real(np.array([[2.0, 4.0]])))
    check(lambda: np.array([[2.0, 4.0]]), expect=any_real(np.array([[2, 4]])))
    assert "should return np.array([[2.0, 5.0]])" in failure(lambda: np.array([[2, 4]]),
                                                             expect=any_real(np.array([[2.0, 5.0]])))
    assert Mistake.NUMBER_TYPE.diagnosis in failure(lambda: np.array([True]), expect=any_real(np.array([1])))
    assert Mistake.RETURNED_LIST.diagnosis in failure(lambda: [2, 4], expect=any_real(np.array([2, 4])))


def test_a_number_where_an_array_is_expected_is_refused():
    assert "returned the single number 10 but should return np.array([10.0])" in failure(
        lambda: 10.0, expect=np.array([10.0]))


@pytest.mark.parametrize("actual, expected, mistake", [
    (np.array([[10.0]]), 10.0, Mistake.ONE_BY_ONE_ARRAY),
    (np.ones((3, 2)), np.ones((2, 3)), Mistake.TRANSPOSED),
    (np.ones((3, 3)), np.ones(3), Mistake.BROADCAST_COLUMN),
    (np.ones((3, 3)), np.ones((1, 3)), Mistake.BROADCAST_COLUMN),
    (np.array([[1.0, 2.0], [3.0, 4.0]]) - np.array([[0.5], [1.0]]), np.array([0.5, 3.0]), Mistake.BROADCAST_COLUMN),
    (np.array([np.inf, 1.0]), np.array([2.0, 1.0]), Mistake.NOT_FINITE),
    (None, 1.0, Mistake.RETURNED_NOTHING),
])
def test_shapes_and_types_are_recognised_without_suspects(actual, expected, mistake):
    assert mistake.hint() in failure(lambda: actual, expect=expected)


@pytest.mark.parametrize("actual, expected", [
    (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])),  # stopped early
    (np.array([[9.0, 2.0], [3.0, 9.0]]), np.array([1.0, 4.0])),  # square, but its diagonal is not the answer
])
def test_a_square_result_is_called_a_broadcast_only_when_its_values_show_one(actual, expected):
    assert Mistake.BROADCAST_COLUMN.diagnosis not in failure(lambda: actual, expect=expected)


def test_a_result_rounded_to_six_decimals_is_not_called_float32():
    message = failure(lambda: round(0.9162907318741551, 6), expect=0.9162907318741551)
    assert Mistake.FLOAT32.diagnosis not in message
    assert Mistake.FLOAT32.diagnosis in failure(lambda: float(np.float32(0.9162907318741551)),
                                                expect=0.9162907318741551)


def test_a_list_shown_by_its_length_is_not_called_a_list_twice():
    message = failure(lambda: list(range(21)), expect=np.arange(21.0))
    assert "returned a list of 21 items but should return" in message and "a list a list" not in message


def test_an_array_where_a_number_is_expected_is_refused():
    message = failure(lambda: np.array([8.0, -3.0]), expect=5.0)
    assert message == "<lambda>() returned an array of shape (2,) but should return 5, a single number."


def test_a_wrong_value_of_the_right_shape_says_where_it_differs_without_contradicting_itself():
    expected = np.arange(12.0).reshape(3, 4)
    actual = expected.copy()
    actual[1, 2] = 9.5
    message = failure(lambda: actual, expect=expected)
    assert message == "<lambda>() returned an array of shape (3, 4) holding 9.5 at index (1, 2) instead of 6."
    assert failure(lambda: np.array([1.0, 2.0, 9.0]), expect=np.array([1.0, 2.0, 3.0])) == (
        "<lambda>() returned np.array([1.0, 2.0, 9.0]) but should return np.array([1.0, 2.0, 3.0]).")


def test_values_that_differ_beyond_six_digits_are_shown_with_the_digits_that_differ():
    message = failure(lambda: 1.0000001, expect=1.0)
    assert message.startswith("<lambda>() returned 1.0000001 but should return 1.")


def test_a_suspect_on_large_arrays_of_the_right_shape_does_not_contradict_itself():
    expected = np.arange(16.0).reshape(4, 4)
    message = failure(lambda: expected.T, expect=expected, suspects={Mistake.TRANSPOSED: expected.T})
    assert message.startswith("<lambda>() returned an array of shape (4, 4) holding 4 at index (0, 1) instead of 1.")


def test_dicts_and_tuples_are_compared_item_by_item():
    check(lambda: (1.5, {"W": np.ones(2)}), expect=(1.5, {"W": np.ones(2)}))
    message = failure(lambda: (1.5, {"W": np.ones(3)}), expect=(1.5, {"W": np.ones(2)}))
    assert "returned a tuple whose item 1 is a dict whose 'W' has shape (3,) but should have shape (2,)" in message
    assert "keys ['B', 'W']" in failure(lambda: {"W": 1}, expect={"W": 1, "B": 2})


def test_a_list_of_batches_is_compared_item_by_item():
    batches = [(np.ones((2, 3)), np.ones((2, 1))), (np.ones((1, 3)), np.ones((1, 1)))]
    check(lambda: [(np.ones((2, 3)), np.ones((2, 1))), (np.ones((1, 3)), np.ones((1, 1)))], expect=batches)
    assert "returned a list of 1 item but should return a list of 2 items" in failure(lambda: batches[:1], expect=batches)
    assert "returned a tuple but should return a list of 2 items" in failure(lambda: tuple(batches), expect=batches)
    message = failure(lambda: [batches[0], (np.ones((1, 3)), np.zeros((1, 1)))], expect=batches)
    assert "returned a list whose item 1 is a tuple whose item 1 is" in message
    message = failure(lambda: batches[:1], expect=batches,
                      suspects={Mistake.LAST_BATCH_DROPPED: batches[:1]})
    assert Mistake.LAST_BATCH_DROPPED.hint() in message and "but should return a list of 2 items" in message


def test_a_tuple_of_arrays_shows_each_array_and_says_which_item_differs():
    small = failure(lambda: (np.array([15, 9]), np.array([10, 5])), expect=(np.array([10, 5]), np.array([15, 9])),
                    suspects={Mistake.PARTIALS_SWAPPED: (np.array([15, 9]), np.array([10, 5]))})
    assert small.startswith("<lambda>() returned (np.array([15, 9]), np.array([10, 5])) but should return "
                            "(np.array([10, 5]), np.array([15, 9])).")
    large = np.arange(10.0)
    message = failure(lambda: (large, large + 1), expect=(large, large), suspects={Mistake.FLOAT32: lambda r: True})
    assert message.startswith("<lambda>() returned a tuple whose item 1 is an array of shape (10,) holding 1 at index "
                              "(0,) instead of 0.")


# Suspects and advice

def test_a_suspect_value_names_its_mistake_and_the_call():
    message = failure(lambda a, b: np.multiply(a, b), [2, 3, 1], [4, -1, 5], expect=10,
                      suspects={Mistake.ELEMENTWISE_PRODUCT: [8, -3, 5]})
    assert message == (f"<lambda>([2, 3, 1], [4, -1, 5]) returned np.array([8, -3, 5]) but should return 10. "
                       f"{Mistake.ELEMENTWISE_PRODUCT.hint()}")


def test_a_suspect_predicate_names_its_mistake():
    message = failure(lambda: np.zeros(3), expect=np.zeros(5),
                      suspects={Mistake.HARD_CODED_SIZE: lambda result: np.shape(result) == (3,)})
    assert Mistake.HARD_CODED_SIZE.hint() in message


def test_a_suspect_that_equals_the_expected_value_up_to_dtype_is_not_named_over_the_type():
    message = failure(lambda: np.array([2, 4]), expect=np.array([2.0, 4.0]),
                      suspects={Mistake.GLOBAL_SETTING: np.array([2.0, 4.0])})
    assert Mistake.GLOBAL_SETTING.diagnosis not in message and Mistake.INTEGER_RESULT.diagnosis in message
    message = failure(lambda: np.array([True, False]), expect=np.array([1, 0]),
                      suspects={Mistake.THRESHOLD_TIE: np.array([1, 0])})
    assert Mistake.THRESHOLD_TIE.diagnosis not in message and Mistake.NUMBER_TYPE.diagnosis in message


def test_a_result_of_the_wrong_type_is_named_by_its_type_not_by_a_suspect_it_also_matches():
    # sigmoid_prime(1) computed in ints gives 0, as does a(1 - a) applied to z = 1
    message = failure(lambda z: z * 0, 1, expect=0.19661193324148185,
                      suspects={Mistake.SIGMOID_PRIME_FORMULA_ON_Z: 0.0})
    assert Mistake.INTEGER_RESULT.diagnosis in message
    assert Mistake.SIGMOID_PRIME_FORMULA_ON_Z.diagnosis not in message


def test_two_suspects_that_the_result_matches_alike_are_neither_named():
    message = failure(lambda: 0.0, expect=0.25, suspects={Mistake.SIGMOID_PRIME_FORMULA_ON_Z: 0.0,
                                                          Mistake.SIGMOID_PRIME_OF_ACTIVATION: 0.0})
    assert "It looks like" not in message


def test_suspects_are_only_consulted_when_the_answer_is_wrong():
    check(lambda: 10, expect=10, suspects={Mistake.ELEMENTWISE_PRODUCT: lambda result: True})


def test_an_exercise_can_give_its_own_advice_and_keeps_the_diagnosis():
    message = failure(lambda a, b: a * b, np.array([1.0, 2.0]), np.array([3.0, 4.0]), expect=11.0,
                      suspects={Mistake.ELEMENTWISE_PRODUCT: np.array([3.0, 8.0])},
                      advice={Mistake.ELEMENTWISE_PRODUCT: "add the products up inside your loop."})
    assert message.endswith(f"{Mistake.ELEMENTWISE_PRODUCT.diagnosis}: add the products up inside your loop.")
    assert Mistake.ELEMENTWISE_PRODUCT.advice not in message


# Calls that change their inputs, warn or raise

def test_mutating_an_input_is_named_even_when_the_result_is_right():
    def doubles_in_place(v):
        v *= 2
        return v
    message = failure(doubles_in_place, np.array([1.0, 2.0]), expect=np.array([2.0, 4.0]))
    assert Mistake.MUTATED_INPUT.hint() in message


def test_a_changed_argument_that_looks_the_same_in_short_says_where_it_changed():
    def nudges(v):
        v[0, 2] += 1e-9
        return v.sum()
    X = np.arange(12.0).reshape(3, 4) / 2
    message = failure(nudges, X, expect=X.sum())
    assert "at index (0, 2), 1.0 became 1.000000001" in message and Mistake.MUTATED_INPUT.hint() in message


def test_a_warning_fails_with_a_message_instead_of_reaching_stderr(capfd):
    message = failure(lambda z: 1 / (1 + np.exp(-z)), np.array([-1000.0]), expect=np.array([0.0]))
    assert "RuntimeWarning" in message and Mistake.WARNING_EMITTED.hint() in message
    assert capfd.readouterr().err == ""


def test_a_warning_whose_advice_is_another_mistakes_hint_is_recorded_as_that_mistake():
    """The report counts what the student's message names last: a naive sigmoid's overflow, an unclipped log."""
    naive = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    advice = {Mistake.WARNING_EMITTED: Mistake.SIGMOID_OVERFLOW.hint()}
    with pytest.raises(CheckFailed) as failed:
        check(naive, np.array([-1000.0]), expect=np.array([0.0]), advice=advice)
    assert failed.value.mistakes == ["SIGMOID_OVERFLOW"] and Mistake.SIGMOID_OVERFLOW.diagnosis in str(failed.value)
    with pytest.raises(CheckFailed) as failed:
        check(np.log, np.array([0.0]), expect=np.array([-np.inf]),
              advice={Mistake.WARNING_EMITTED: Mistake.LOG_OF_ZERO.hint("clip first.")})
    assert failed.value.mistakes == ["LOG_OF_ZERO"]
    with pytest.raises(CheckFailed) as failed:
        check(naive, np.array([-1000.0]), expect=np.array([0.0]), advice={Mistake.WARNING_EMITTED: "avoid it."})
    assert failed.value.mistakes == ["WARNING_EMITTED"]


def test_an_unimplemented_function_says_so_without_a_chained_traceback():
    def stub(x):
        raise NotImplementedError()
    with pytest.raises(CheckFailed) as raised:
        check(stub, 1, expect=1)
    assert str(raised.value) == "stub(1) is not implemented yet: replace `raise NotImplementedError()` with your code."
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_a_type_error_from_list_arithmetic_is_named_and_keeps_the_cause():
    with pytest.raises(CheckFailed) as raised:
        check(lambda a, b: sum(a * b), [1, 2], [3, 4], expect=11)
    assert Mistake.LIST_ARITHMETIC.hint() in str(raised.value)
    assert isinstance(raised.value.__cause__, TypeError)


def test_a_type_error_of_another_kind_is_not_blamed_on_lists():
    message = failure(lambda a: a[0] + "x", [1, 2], expect=3)
    assert "raised TypeError" in message and Mistake.LIST_ARITHMETIC.diagnosis not in message


def test_an_index_error_on_an_empty_input_says_so():
    message = failure(lambda a, b: a[0] * b[0], [], [], expect=0)
    assert Mistake.EMPTY_INPUT.hint() in message and Mistake.HARD_CODED_SIZE.diagnosis not in message


def test_an_index_error_on_other_input_says_an_index_ran_past_the_end():
    message = failure(lambda a: a[0] + a[1] + a[2], [1, 2], expect=3)
    assert Mistake.INDEX_PAST_END.hint() in message


@pytest.mark.parametrize("index", [lambda a: a[len(a) / 2], lambda a: list(a)[len(a) / 2]])
def test_an_index_that_is_a_float_is_named_as_such_not_as_running_past_the_end(index):
    message = failure(index, np.array([1.0, 2.0, 3.0, 4.0]), expect=3.0)
    assert Mistake.FLOAT_INDEX.hint() in message and Mistake.INDEX_PAST_END.diagnosis not in message


def test_an_index_error_of_another_kind_names_no_mistake():
    message = failure(lambda a: a[:, 0], np.array([1.0, 2.0]), expect=1.0)
    assert "raised IndexError: too many indices" in message and "It looks like" not in message


def test_math_exp_overflowing_gets_its_own_hint():
    import math
    message = failure(lambda z: 1 / (1 + math.exp(-z)), -1000.0, expect=0.0)
    assert "OverflowError: math range error" in message and message.endswith(Mistake.EXP_OVERFLOW.hint())


def test_a_gradient_stored_in_an_integer_array_is_named_an_integer_result_not_an_integer_nudge():
    def numerical_gradient(f, x, h=1e-5):
        point, grad = np.array(x, dtype=float), np.zeros_like(x)
        for i in range(len(point)):
            up, down = point.copy(), point.copy()
            up[i] += h
            down[i] -= h
            grad[i] = (f(up) - f(down)) / (2 * h)
        return grad
    message = failure(numerical_gradient, lambda v: np.sum(v ** 2) / 3, np.array([1, 2]), expect=np.array([2 / 3, 4 / 3]),
                      suspects={Mistake.INTEGER_NUDGE: lambda r: np.shape(r) == (2,) and not np.allclose(r, [2 / 3, 4 / 3])})
    assert Mistake.INTEGER_RESULT.diagnosis in message and Mistake.INTEGER_NUDGE.diagnosis not in message


def test_an_in_place_add_of_floats_to_integers_is_explained_as_such():
    def layer(W, x, b):
        Z = W @ x
        Z += b
        return Z
    message = failure(layer, np.array([[1, 2], [3, 4]]), np.array([1, 1]), np.array([0.5, -0.5]),
                      expect=np.array([3.5, 6.5]))
    assert "raised UFuncTypeError: Cannot cast ufunc 'add' output" in message
    assert message.endswith(Mistake.IN_PLACE_ON_INTEGERS.hint())


def test_a_scalar_only_operation_on_an_array_is_explained_as_such():
    import math

    def with_math(x):
        return 2 * math.pow(x, 2)

    def with_if(x):
        return x if x > 0 else -x
    for function in (with_math, with_if):
        message = failure(function, np.array([1.0, 2.0]), expect=np.array([2.0, 8.0]))
        assert message.endswith(Mistake.SCALAR_ONLY.hint()), message


def test_a_numpy_shape_error_is_explained_as_such():
    message = failure(lambda W, x: W @ x, np.ones((2, 3)), np.ones(2), expect=np.ones(2))
    assert "raised ValueError: matmul" in message and Mistake.SHAPES_DO_NOT_FIT.hint() in message


def test_a_function_reading_notebook_data_is_told_which_variable(cell):
    notebook = cell("""
        first_game = np.array([8.5, 0.65, 1.2])
        def neural_network(input, weights):
            return float(np.dot(first_game, weights))
    """)
    message = failure(notebook.neural_network, np.ones(3), np.array([1.0, 0.0, 0.0]), expect=1.0)
    assert "neural_network reads `first_game` from the notebook" in message
    assert Mistake.NOTEBOOK_GLOBAL.hint() in message
    message = failure(notebook.neural_network, np.ones(5), np.ones(5), expect=5.0)
    assert "raised ValueError" in message and "reads `first_game`" in message


def test_a_right_value_computed_from_notebook_data_still_fails(cell):
    notebook = cell("""
        W = np.array([[1.0, 2.0], [3.0, 4.0]])
        def layer(W_in, x):
            return W @ x
    """)
    message = failure(notebook.layer, notebook.W, np.ones(2), expect=np.array([3.0, 7.0]))
    assert message == ("layer(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([1.0, 1.0])) returned the expected "
                       f"value, but only thanks to the notebook's data. {Mistake.NOTEBOOK_GLOBAL.hint()} layer reads "
                       "`W` from the notebook.")


def test_settings_read_from_the_notebook_are_found_and_flags_and_data_are_not(cell):
    from nncourse.source import notebook_settings
    notebook = cell("""
        epochs, lr, verbose, X = 50, 0.1, True, np.ones(3)
        def train(n_epochs, learning_rate):
            return [lr * i for i in range(epochs) if verbose] + list(X)
        def fine(n_epochs, learning_rate):
            return [learning_rate * i for i in range(n_epochs)]
    """)
    assert notebook_settings(notebook.train) == ["epochs", "lr"]
    assert notebook_settings(notebook.fine) == []
    message = failure(notebook.train, 2, 0.5, expect=[0.0, 0.5],
                      suspects={Mistake.GLOBAL_SETTING: lambda result: bool(notebook_settings(notebook.train))})
    assert "train reads `epochs`, `lr` from the notebook." in message and Mistake.GLOBAL_SETTING.hint() in message


def test_a_function_reading_a_setting_from_the_notebook_is_told_which_one(cell):
    notebook = cell("""
        steps = 20
        def descend(x, learning_rate, n_steps):
            for _ in range(steps):
                x = x - learning_rate * 2 * x
            return x
    """)
    assert check(notebook.descend, 1.0, 0.5, 20, expect=0.0) is None  # a number read by luck is no proof
    message = failure(notebook.descend, 1.0, 0.25, 1, expect=0.5)
    assert "descend reads `steps` from the notebook" in message and Mistake.GLOBAL_SETTING.hint() in message


# Training loops: bounded in time and in output

def test_a_loop_that_never_ends_fails_within_the_time_limit():
    def converge(x):
        while x != 0:  # a diverging x never reaches 0
            x = x * 2.0 + 1.0
            try:
                pass
            except Exception:  # the student's own `except` does not swallow the time limit
                pass
        return x
    message = failure(converge, 1.5, expect=0.0, time_limit=0.2)
    assert "converge(1.5) did not return within 0.2 seconds" in message and Mistake.NEVER_FINISHED.hint() in message


def test_what_a_call_prints_is_cut_after_a_few_lines(capsys):
    def chatty(n):
        for i in range(n):
            print("epoch", i)
        return n
    check(chatty, 100, expect=100)
    printed = capsys.readouterr().out.splitlines()
    assert printed[:2] == ["epoch 0", "epoch 1"] and len(printed) == 11
    assert printed[-1] == "... (90 more printed lines cut by the test)"


def test_a_float_overflowing_in_a_loop_is_named_a_divergence():
    def run(weight):
        for _ in range(2000):
            error = (weight * 8.5 - 1) ** 2
            weight = weight - (weight * 8.5 - 1) * 8.5
        return error
    message = failure(run, 0.1, expect=0.0)
    assert "raised OverflowError" in message and Mistake.DIVERGED.hint() in message


def test_check_raises_passes_on_the_expected_exception():
    check_raises(ValueError, np.dot, np.ones(2), np.ones(3))


def test_check_raises_names_the_mistake_when_nothing_is_raised():
    with pytest.raises(CheckFailed) as raised:
        check_raises(ValueError, lambda a, b: sum(x * y for x, y in zip(a, b)), [1, 2], [1, 2, 3],
                     mistake=Mistake.SIZES_NOT_CHECKED)
    assert "returned normally but should raise ValueError" in str(raised.value)
    assert Mistake.SIZES_NOT_CHECKED.hint() in str(raised.value)


def test_check_raises_reports_a_different_exception():
    with pytest.raises(CheckFailed) as raised:
        check_raises(ValueError, lambda a, b: a[5], [1, 2], [1])
    assert "raised IndexError" in str(raised.value) and "but should raise ValueError" in str(raised.value)
    assert Mistake.SIZES_NOT_CHECKED.hint() in str(raised.value)


def test_check_raises_on_a_stub_says_it_is_not_implemented():
    def stub(a):
        raise NotImplementedError()
    with pytest.raises(CheckFailed, match="is not implemented yet"):
        check_raises(ValueError, stub, [1])


# Rules read from the source

def test_a_loop_and_a_comprehension_both_count_as_loops(cell):
    notebook = cell("""
        def with_for(a, b):
            total = 0.0
            for i in range(len(a)):
                total += a[i] * b[i]
            return total
        def with_comprehension(a, b):
            return sum(x * y for x, y in zip(a, b))
        def vectorised(a, b):
            return float(np.sum(np.multiply(a, b)))
    """)
    check_rules(notebook.with_for, loop=True, forbid=["np.dot", "@", "np.sum"])
    check_rules(notebook.with_comprehension, loop=True)
    with pytest.raises(CheckFailed) as raised:
        check_rules(notebook.vectorised, loop=True)
    assert str(raised.value) == f"vectorised has no loop. {Mistake.LOOP_MISSING.hint()}"


def test_a_loop_where_none_is_allowed_is_shown_with_its_line(cell):
    notebook = cell("""
        def dense(A_in, W, B):
            return np.array([a @ W + B for a in A_in])
    """)
    with pytest.raises(CheckFailed) as raised:
        check_rules(notebook.dense, loop=False)
    assert "dense uses a Python loop (line 4: return np.array([a @ W + B for a in A_in]))" in str(raised.value)
    assert Mistake.LOOP_NOT_ALLOWED.hint() in str(raised.value)


@pytest.mark.parametrize("body, tool", [
    ("return np.dot(a, b)", "np.dot"),
    ("return a @ b", "@"),
    ("return np.asarray(a).dot(b)", ".dot"),
    ("return numpy.dot(a, b)", "np.dot"),
    ("return dot(a, b)", "np.dot"),
    ("return helper(a, b)", "np.dot"),
])
def test_a_ruled_out_tool_is_found_however_it_is_reached(cell, body, tool):
    notebook = cell(f"""
        import numpy
        from numpy import dot
        def helper(a, b):
            return np.dot(a, b)
        def my_dot(a, b):
            for _ in range(1):
                {body}
    """)
    with pytest.raises(CheckFailed) as raised:
        check_rules(notebook.my_dot, loop=True, forbid=["np.dot", "@", ".dot"])
    assert f"my_dot uses `{tool}` (line 9: {body})" in str(raised.value)
    assert Mistake.RULED_OUT.hint() in str(raised.value)


@pytest.mark.parametrize("imports, body", [
    ("from nncourse.gradcheck import numerical_gradient", "return numerical_gradient(f, x)"),
    ("from nncourse.gradcheck import numerical_gradient as ng", "return ng(f, x)"),
    ("import nncourse.gradcheck as g", "return g.numerical_gradient(f, x)"),
    ("import nncourse.gradcheck", "return nncourse.gradcheck.numerical_gradient(f, x)"),
    ("from nncourse import gradcheck", "return gradcheck.numerical_gradient(f, x)"),
    ("import nncourse.gradcheck as g", "return helper(f, x)"),
    ("", "from nncourse.gradcheck import relative_error, numerical_gradient"),
    ("", "import nncourse.gradcheck as g; return g.numerical_gradient(f, x)"),
    ("", "from nncourse import gradcheck; return gradcheck.numerical_gradient(f, x)"),
])
def test_a_ruled_out_function_of_a_package_is_found_however_it_is_imported(cell, imports, body):
    notebook = cell(f"""
        {imports}
        def helper(f, x):
            return g.numerical_gradient(f, x)
        def gradient(f, x):
            for _ in range(1):
                {body}
    """)
    with pytest.raises(CheckFailed) as raised:
        check_rules(notebook.gradient, forbid=["nncourse.gradcheck.numerical_gradient"])
    assert f"gradient uses `nncourse.gradcheck.numerical_gradient` (line 8: {body})" in str(raised.value)


def test_other_functions_of_the_same_package_and_own_names_pass(cell):
    notebook = cell("""
        from nncourse.gradcheck import relative_error
        import nncourse.gradcheck as g
        def gradient(f, x, numerical_gradient=None):
            grad = np.zeros(np.shape(x))
            error = g.relative_error(grad, grad) + relative_error(grad, grad)
            return grad + error
    """)
    check_rules(notebook.gradient, forbid=["nncourse.gradcheck.numerical_gradient", "np.gradient"])


def test_every_broken_rule_is_named_at_once(cell):
    notebook = cell("""
        def dot(a, b):
            return np.dot(a, b)
    """)
    with pytest.raises(CheckFailed) as raised:
        check_rules(notebook.dot, loop=True, forbid=["np.dot"])
    assert str(raised.value) == (f"dot has no loop. {Mistake.LOOP_MISSING.hint()} dot uses `np.dot` (line 4: return "
                                 f"np.dot(a, b)), and this exercise rules out `np.dot`. {Mistake.RULED_OUT.hint()}")


@pytest.mark.parametrize("body, passes", [
    ("return gradcheck.numerical_gradient(f, x)", True),
    ("return helper(f, x)", True),
    ("return ng(f, x)", True),
    ("return (f(x + 1e-6) - f(x - 1e-6)) / 2e-6", False),
])
def test_a_required_tool_must_be_used_however_it_is_reached(cell, body, passes):
    notebook = cell(f"""
        from nncourse import gradcheck
        from nncourse.gradcheck import numerical_gradient as ng
        def helper(f, x):
            return ng(f, x)
        def gradient(f, x):
            {body}
    """)
    if passes:
        check_rules(notebook.gradient, require=["nncourse.gradcheck.numerical_gradient"])
        return
    with pytest.raises(CheckFailed) as raised:
        check_rules(notebook.gradient, require=["nncourse.gradcheck.numerical_gradient"])
    assert str(raised.value) == ("gradient does not use `nncourse.gradcheck.numerical_gradient`, which this exercise "
                                 f"asks for. {Mistake.TOOL_MISSING.hint()}")
    assert raised.value.mistakes == ["TOOL_MISSING"]


def test_a_stub_keeps_no_rule(cell):
    notebook = cell("""
        def dense(A_in, W, B):
            # YOUR CODE HERE
            raise NotImplementedError()
    """)
    with pytest.raises(CheckFailed, match="dense is not implemented yet"):
        check_rules(notebook.dense, loop=False)


def test_tools_that_are_not_ruled_out_pass(cell):
    notebook = cell("""
        def matmul(A, B):
            C = np.zeros((A.shape[0], B.shape[1]))
            for i in range(A.shape[0]):
                for j in range(B.shape[1]):
                    C[i, j] = np.dot(A[i, :], B[:, j])
            return C
    """)
    check_rules(notebook.matmul, loop=True, forbid=["@", "np.matmul", "np.einsum"])


# How results are shown, and how a failure renders

def test_calls_and_values_are_shown_briefly_in_their_own_type():
    assert describe_call(np.dot, (np.array([200.0, 17.0]), [1, 2])) == "dot(np.array([200.0, 17.0]), [1, 2])"
    assert describe_call(np.dot, (np.ones((5, 7)),)) == "dot(<array of shape (5, 7)>)"
    assert show(np.float64(0.1234567891234)) == "0.123457"
    assert show([0.1 + 0.2, 1]) == "[0.3, 1]"
    assert show(np.arange(20)) == "an array of shape (20,)"
    assert show({"W": np.ones((3, 1))}) == "{'W': np.array([[1.0], [1.0], [1.0]])}"
    assert show([0.1, 0.2, 0] * 5) == "a list of 15 items"
    assert show([[1, 2], [3, 4]]) == "[[1, 2], [3, 4]]"
    assert show(np.array([[1, 2], [3, 4]])) == "np.array([[1, 2], [3, 4]])"
    assert show([(np.ones((1, 1)), np.zeros(1))]) == "[(np.array([[1.0]]), np.array([0.0]))]"


def test_every_mistake_is_a_diagnosis_and_an_advice_in_one_or_two_sentences():
    for mistake in Mistake:
        assert not mistake.diagnosis.endswith((".", ":")), mistake
        assert mistake.hint().endswith((".", "?")) and len(mistake.hint()) < 300, mistake


def test_a_failure_renders_its_sentence_first_and_only_the_students_lines():
    def dot(a, b):
        return sum(a * b)
    with pytest.raises(CheckFailed) as raised:
        check(dot, [2, 3, 1], [4, -1, 5], expect=10)
    lines = raised.value._render_traceback_()
    assert lines[0].startswith("\x1b[0;31mCheckFailed\x1b[0m: dot([2, 3, 1], [4, -1, 5]) raised TypeError")
    sentence = [line for line in lines if not line.startswith("    ")]
    assert len(sentence) > 1 and all(len(line) <= 100 + len("\x1b[0;31m\x1b[0m") for line in sentence)
    assert lines[-1].startswith("    in dot, line ") and lines[-1].endswith(": return sum(a * b)")
    assert not any("checks.py" in line or "nncourse" in line for line in lines)


def test_a_failure_in_hidden_tests_gives_no_line_number_the_student_cannot_see():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in (
        "import numpy as np\nfrom nncourse.checks import check",
        "# visible\ncheck(np.dot, np.ones(2), np.ones(2), expect=2.0)\ncheck(np.dot, np.ones(2), np.ones(2), expect=5.0)",
        "# hidden tests\n### BEGIN HIDDEN TESTS\nx = 1\ncheck(np.dot, np.ones(2), np.ones(2), expect=5.0)\n"
        "### END HIDDEN TESTS",
    )]
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3").execute()
    visible, hidden = ("\n".join(cell.outputs[0].traceback) for cell in nb.cells[1:])
    assert "at line 3 of the test cell" in visible
    assert "in the hidden tests of this cell" in hidden and "line 4" not in hidden


def test_in_a_notebook_a_passing_test_cell_says_so_in_one_line_and_others_say_nothing():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in (
        "import numpy as np\nfrom nncourse.checks import check, check_rules",
        "# two passing checks\ncheck(np.dot, np.ones(2), np.ones(2), expect=2.0)\n"
        "check(np.dot, np.ones(3), np.ones(3), expect=3.0)",
        "# a failing check\ncheck(np.dot, np.ones(2), np.ones(2), expect=5.0)",
        "x = 1  # no checks",
        "# hidden tests, as released: only this comment is left",
    )]
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3").execute()
    outputs = [cell.outputs for cell in nb.cells]
    assert outputs[1] == [nbformat.v4.new_output("stream", name="stdout", text="✓ passed (2 checks)\n")]
    assert [output.output_type for output in outputs[2]] == ["error"]
    assert outputs[0] == outputs[3] == outputs[4] == []


def test_a_function_argument_is_named_not_shown_by_its_repr():
    def square(w):
        return w * w
    assert describe_call(square, (square, 2.5)) == "square(square, 2.5)"
    assert describe_call(square, (lambda w: w, 2.5)) == "square(a lambda, 2.5)"


def test_a_call_within_its_time_limit_passes_and_leaves_no_alarm():
    import signal
    check(lambda: 1, expect=1, time_limit=5)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_when_grading_asks_a_failed_cell_records_the_mistakes_it_matched_and_a_passed_one_nothing(monkeypatch):
    monkeypatch.setenv(RECORD_MISTAKES, "1")  # the kernel inherits the environment
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in (
        "import numpy as np\nfrom nncourse.checks import check, check_rules\nfrom nncourse.mistakes import Mistake",
        "check(np.multiply, np.ones(2), np.ones(2), expect=2.0, suspects={Mistake.ELEMENTWISE_PRODUCT: [1, 1]})",
        "check(np.dot, np.ones(2), np.ones(2), expect=2.0)",
        "check(np.dot, np.ones(2), np.ones(2), expect=5.0)",  # wrong, like no catalogued mistake
    )]
    NotebookClient(nb, timeout=60, allow_errors=True, kernel_name="python3").execute()
    recorded = [[output.data[MISTAKES_MIME] for output in cell.outputs if output.output_type == "display_data"]
                for cell in nb.cells]
    assert recorded == [[], [{"mistakes": ["ELEMENTWISE_PRODUCT"]}], [], []]


def test_a_long_value_is_named_once_by_its_kind():
    message = failure(lambda: list(range(11)), expect=3.0)
    assert "returned a list of 11 items but should return 3" in message and "a list a list" not in message


def test_long_arguments_are_shown_by_their_keys_length_or_shape():
    parameters = {"W1": np.ones((2, 3)), "B1": np.ones(3), "W2": np.ones((3, 1)), "B2": np.ones(1)}

    def forward(parameters, X, sizes):
        return 0.0
    message = failure(forward, parameters, np.ones((4, 2)), list(range(20)), expect=1.0)
    assert message.startswith("forward(<dict with keys W1, B1, W2, B2>, <array of shape (4, 2)>, "
                              "<list of 20 items>) returned 0")


def test_a_wrong_dict_names_only_the_entries_that_differ():
    expected = {"dW1": np.ones((3, 2)), "dB1": np.ones(2), "dW2": np.ones((1, 3)), "dB2": np.ones(1)}
    unsummed = dict(expected, dB1=np.ones((3, 2)), dB2=np.ones((3, 1)))
    message = failure(lambda: unsummed, expect=expected, suspects={Mistake.BIAS_NOT_SUMMED: unsummed})
    assert message.startswith("<lambda>() returned a dict whose 'dB1' has shape (3, 2) but should have shape "
                              "(2,) ('dB2' differs too). It looks like")
    assert "dW1" not in message


def test_a_long_call_shows_its_longest_arguments_by_shape_and_the_diagnosis_comes_early():
    """The coffee roaster's network as five small arrays: typed out, they would fill a line before the result."""
    def sequential(X, W1, b1, W2, b2):
        return np.asarray(X) @ np.asarray(W1)
    X, W1, b1 = np.array([[200.0, 17.0]]), np.array([[1, -3, 5], [-2, 4, -6]]), np.array([-1, 1, 2])
    W2, b2 = np.array([[0.7], [-1.0], [0.7]]), np.array([0.0])
    message = failure(sequential, X, W1, b1, W2, b2, expect=np.array([[0.5]]))
    assert message.startswith("sequential(<arrays of shapes (1, 2), (2, 3)>, np.array([-1, 1, 2]), <array of shape "
                              "(3, 1)>, np.array([0.0])) returned ")
    assert "but should return an array of shape (1, 1)" in message


def test_numpy_s_matmul_mismatch_is_said_in_a_few_words():
    def layer(W, x):
        return np.asarray(W) @ np.asarray(x)
    message = failure(layer, np.ones((2, 3)), np.ones(2), expect=np.ones(2))
    assert "raised ValueError: matmul: the second operand's first axis has size 2, the first operand's last axis 3." \
        in message and "gufunc" not in message
    assert Mistake.SHAPES_DO_NOT_FIT.diagnosis in message


def test_a_call_of_many_arrays_shows_their_shapes_as_one_list():
    def select(sizes, X_train, y_train, X_val, y_val):
        return 0
    message = failure(select, [1, 2, 3], np.ones((6, 2)), np.ones(6), np.ones((4, 2)), np.ones(4), expect=1)
    assert message.startswith("select([1, 2, 3], <arrays of shapes (6, 2), (6,), (4, 2), (4,)>) returned 0")
