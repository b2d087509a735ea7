"""check() and check_raises(): right answers pass, and each kind of wrong answer gets the sentence that names it."""
import numpy as np
import pytest

from nncourse.checks import CheckFailed, check, check_raises, describe_call, show
from nncourse.mistakes import Mistake


def failure(function, *args, **kwargs):
    with pytest.raises(AssertionError) as raised:
        check(function, *args, **kwargs)
    return str(raised.value)


def test_a_right_answer_passes_and_returns_nothing():
    assert check(np.dot, [2, 3, 1], [4, -1, 5], expect=10) is None


def test_close_enough_passes_and_float32_within_rtol_passes():
    check(lambda: 0.1 + 0.2, expect=0.3)
    x = np.float32(1 / 3)
    check(lambda: x, expect=1 / 3, rtol=1e-6)


def test_a_suspect_value_names_its_mistake_and_the_call():
    message = failure(lambda a, b: np.multiply(a, b), [2, 3, 1], [4, -1, 5], expect=10,
                      suspects={Mistake.ELEMENTWISE_PRODUCT: [8, -3, 5]})
    assert message.startswith("<lambda>([2, 3, 1], [4, -1, 5]) returned")
    assert "should return 10" in message
    assert Mistake.ELEMENTWISE_PRODUCT.hint in message


def test_a_suspect_predicate_names_its_mistake():
    message = failure(lambda: np.zeros(3), expect=np.zeros(5),
                      suspects={Mistake.HARD_CODED_SIZE: lambda result: np.shape(result) == (3,)})
    assert Mistake.HARD_CODED_SIZE.hint in message


def test_suspects_are_only_consulted_when_the_answer_is_wrong():
    check(lambda: 10, expect=10, suspects={Mistake.ELEMENTWISE_PRODUCT: lambda result: True})


@pytest.mark.parametrize("actual, expected, mistake", [
    (np.array([[10.0]]), 10.0, Mistake.ONE_BY_ONE_ARRAY),
    (np.ones((3, 2)), np.ones((2, 3)), Mistake.TRANSPOSED),
    (np.ones((3, 3)), np.ones(3), Mistake.BROADCAST_COLUMN),
    (np.ones((3, 3)), np.ones((1, 3)), Mistake.BROADCAST_COLUMN),
    (np.array([0, 1, 1]), np.array([0.5, 1.0, 1.5]), Mistake.INTEGER_RESULT),
    (np.array([np.inf, 1.0]), np.array([2.0, 1.0]), Mistake.NOT_FINITE),
    (None, 1.0, Mistake.RETURNED_NOTHING),
])
def test_shapes_and_types_are_recognised_without_suspects(actual, expected, mistake):
    assert mistake.hint in failure(lambda: actual, expect=expected)


def test_a_wrong_value_of_the_right_shape_says_where_it_differs():
    message = failure(lambda: np.array([1.0, 2.0, 9.0]), expect=[1.0, 2.0, 3.0])
    assert "first difference is at index (2,): 9 instead of 3" in message


def test_an_array_where_a_number_is_expected_is_refused():
    assert "should return a single number" in failure(lambda: np.array([8.0, -3.0]), expect=5.0)


def test_integer_results_with_the_right_values_pass():
    check(lambda: np.array([2, 4, 6]), expect=np.array([2.0, 4.0, 6.0]))


def test_a_list_with_the_right_values_passes():
    check(lambda: [0.5, 1.0], expect=np.array([0.5, 1.0]))


def test_mutating_an_input_is_named_even_when_the_result_is_right():
    def doubles_in_place(v):
        v *= 2
        return v
    v = np.array([1.0, 2.0])
    message = failure(doubles_in_place, v, expect=[2.0, 4.0])
    assert Mistake.MUTATED_INPUT.hint in message


def test_a_warning_fails_with_a_message_instead_of_reaching_stderr(capfd):
    message = failure(lambda z: 1 / (1 + np.exp(-z)), np.array([-1000.0]), expect=[0.0])
    assert "RuntimeWarning" in message and Mistake.WARNING_EMITTED.hint in message
    assert capfd.readouterr().err == ""


def test_an_unimplemented_function_says_so_without_a_chained_traceback():
    def stub(x):
        raise NotImplementedError()
    with pytest.raises(AssertionError) as raised:
        check(stub, 1, expect=1)
    assert "is not implemented yet" in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_a_type_error_on_lists_names_list_arithmetic_and_keeps_the_cause():
    with pytest.raises(AssertionError) as raised:
        check(lambda a, b: sum(a * b), [1, 2], [3, 4], expect=11)
    assert Mistake.LIST_ARITHMETIC.hint in str(raised.value)
    assert isinstance(raised.value.__cause__, TypeError)


def test_an_index_error_on_valid_input_names_a_hard_coded_size():
    message = failure(lambda a: a[0] + a[1] + a[2], [1, 2], expect=3)
    assert Mistake.HARD_CODED_SIZE.hint in message


def test_check_raises_passes_on_the_expected_exception():
    check_raises(ValueError, np.dot, np.ones(2), np.ones(3))


def test_check_raises_names_the_mistake_when_nothing_is_raised():
    with pytest.raises(AssertionError) as raised:
        check_raises(ValueError, lambda a, b: sum(x * y for x, y in zip(a, b)), [1, 2], [1, 2, 3],
                     mistake=Mistake.SIZES_NOT_CHECKED)
    assert "returned normally but should raise ValueError" in str(raised.value)
    assert Mistake.SIZES_NOT_CHECKED.hint in str(raised.value)


def test_check_raises_reports_a_different_exception():
    with pytest.raises(AssertionError) as raised:
        check_raises(ValueError, lambda a, b: a[5], [1, 2], [1])
    assert "raised IndexError" in str(raised.value) and "but should raise ValueError" in str(raised.value)
    assert Mistake.SIZES_NOT_CHECKED.hint in str(raised.value)


def test_check_raises_on_a_stub_says_it_is_not_implemented():
    def stub(a):
        raise NotImplementedError()
    with pytest.raises(AssertionError, match="is not implemented yet"):
        check_raises(ValueError, stub, [1])


def test_calls_and_values_are_shown_briefly():
    assert describe_call(np.dot, (np.array([200.0, 17.0]), [1, 2])) == "dot(np.array([200.0, 17.0]), [1, 2])"
    assert describe_call(np.dot, (np.ones((5, 7)),)) == "dot(<array of shape (5, 7)>)"
    assert show(np.float64(0.1234567891)) == "0.123457"
    assert show(np.arange(20)) == "an array of shape (20,)"
    assert show({"W": np.ones((3, 1))}) == "{'W': [[1.0], [1.0], [1.0]] (shape (3, 1))}"
    assert show([0.1, 0.2, 0] * 5) == "a list of 15 items"
    assert show([[1, 2], [3, 4]]) == "[[1, 2], [3, 4]] (a list of shape (2, 2))"
    assert show([[0.0] * 3] * 3) == "a list of shape (3, 3)"


def test_every_mistake_hint_is_one_actionable_sentence_or_two():
    for mistake in Mistake:
        assert mistake.hint.endswith((".", "?")) and len(mistake.hint) < 300, mistake


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
