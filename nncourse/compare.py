"""Comparing what a function returned with what its docstring promises, and saying what differs in words.

The expected value a test gives is a promise about *type* as well as value, kept both ways: an int (Python or
NumPy) asks for an int, not a bool or a float; a bool for a bool; a float for a float; an ``np.ndarray`` for a
NumPy array of that shape whose dtype is of the same kind (int, bool or float); a list for a list; tuples and
dicts are compared item by item, as is a list of tuples or dicts (a list of batches, say). Two wrappers say
what a docstring promises beyond or short of that: ``python_number(1)`` asks for the Python int itself (not
``np.int64``, ``np.True_`` or a 0-d array), where a docstring says "a Python int"; ``any_real(x)`` accepts an
int or a float of x's value (and an int or float array), where a docstring makes no dtype promise. Values must
agree to ``rtol=1e-9`` (``atol=1e-12``): any order of summation in float64 meets that, float32 arithmetic does
not.
"""
import numbers

import numpy as np

from .mistakes import Mistake

__all__ = ["RTOL", "ATOL", "mismatch", "close", "contrast", "show", "brief", "describe_call", "python_number",
           "any_real"]

RTOL, ATOL = 1e-9, 1e-12
SHORT = 100  # characters a value may take in a sentence before it is described by its length or keys
SHORT_ARGUMENT = 36  # ... and inside a call, which holds several
CALL_WIDTH = 80  # characters a call may take before its longest arguments are shown by their shape or length
_FLOAT32_RTOL = 1e-5  # what float32 arithmetic typically still agrees to
_KIND_NAMES = {"b": "a bool", "i": "an int", "f": "a float"}
_KIND_FIXES = {"b": "`bool(...)`", "i": "`int(...)`", "f": "`float(...)`"}
_ARRAY_FIXES = {"b": "`.astype(bool)`", "i": "`.astype(int)`", "f": "`.astype(float)`"}


class _Promise:
    """An expected value with a type promise other than its own: see python_number and any_real."""

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"{type(self).__name__}({self.value!r})"


class _PythonNumber(_Promise):
    pass


class _AnyReal(_Promise):
    pass


def python_number(value):
    """The expectation ``value`` (a Python int, float or bool) whose docstring promises that very Python type:
    a NumPy number or a 0-d array of the same value is refused, with the conversion to write."""
    if type(value) not in (int, float, bool):
        raise TypeError(f"python_number takes a Python int, float or bool, not {type(value).__name__}")
    return _PythonNumber(value)


def any_real(value):
    """The expectation ``value`` (a number or an array, or a tuple, list or dict of them) whose docstring makes no
    dtype promise: an int or a float of that value is accepted, as is an int or float array (not a bool)."""
    if isinstance(value, (tuple, list)) and not _is_numbers(value):
        return type(value)(any_real(item) for item in value)
    if isinstance(value, dict):
        return {key: any_real(item) for key, item in value.items()}
    return _AnyReal(value)


def expected_value(expected):
    """The value an expectation holds, without its wrappers (for suspects and messages)."""
    if isinstance(expected, _Promise):
        return expected.value
    if isinstance(expected, (tuple, list)) and any(isinstance(item, (_Promise, tuple, list, dict)) for item in expected):
        return type(expected)(expected_value(item) for item in expected)
    if isinstance(expected, dict):
        return {key: expected_value(item) for key, item in expected.items()}
    return expected


def _is_numbers(value):
    """Whether a list or tuple holds only numbers (or lists of them): an array written as a list."""
    return all(_is_number(item) or (isinstance(item, list) and _is_numbers(item)) for item in value)


def mismatch(actual, expected, *, rtol=RTOL, atol=ATOL, low_precision_inputs=False):
    """None when ``actual`` keeps the promise ``expected`` makes, else (what differs, the Mistake it suggests).

    low_precision_inputs: the call's inputs held float32 (or float16) data, so a float32 result is fair.
    """
    if actual is None:
        return "returned None", Mistake.RETURNED_NOTHING
    if isinstance(expected, _PythonNumber):
        return _mismatch_python_number(actual, expected.value, rtol, atol)
    if isinstance(expected, _AnyReal):
        return _mismatch_any_real(actual, expected.value, rtol, atol, low_precision_inputs)
    if isinstance(expected, dict):
        return _mismatch_dict(actual, expected, rtol, atol, low_precision_inputs)
    if isinstance(expected, tuple):
        return _mismatch_tuple(actual, expected, rtol, atol, low_precision_inputs)
    if _is_structured_list(expected):
        return _mismatch_list(actual, expected, rtol, atol, low_precision_inputs)
    if _is_number(expected):
        return _mismatch_number(actual, expected, rtol, atol, low_precision_inputs)
    return _mismatch_array(actual, expected, rtol, atol, low_precision_inputs)


def close(actual, value, *, rtol=RTOL, atol=ATOL):
    """Whether ``actual`` has ``value``'s values and shape, whatever the container types (for suspects)."""
    value = expected_value(value)
    if isinstance(value, dict):
        return (isinstance(actual, dict) and actual.keys() == value.keys()
                and all(close(actual[k], value[k], rtol=rtol, atol=atol) for k in value))
    if isinstance(value, tuple) or _is_structured_list(value):
        return (isinstance(actual, (tuple, list)) and len(actual) == len(value)
                and all(close(a, v, rtol=rtol, atol=atol) for a, v in zip(actual, value)))
    a, e = _as_float_array(actual), _as_float_array(value)
    if a is None or e is None or a.shape != e.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, e, rtol=rtol, atol=atol))


def _mismatch_number(actual, expected, rtol, atol, low_precision_inputs):
    wanted = f"should return {show(expected)}"
    if isinstance(actual, np.ndarray) and actual.ndim > 0:
        if actual.size == 1:
            return contrast(actual, expected), Mistake.ONE_BY_ONE_ARRAY
        return f"returned an array of shape {actual.shape} but {wanted}, a single number", None
    if not _is_number(actual):
        return f"returned {_kind_and_value(actual)} but {wanted}, a single number", None
    if not close(actual, expected, rtol=rtol, atol=atol):
        if _number_kind(actual) == "i" and float(expected) != round(float(expected)):
            return contrast(actual, expected), Mistake.INTEGER_RESULT
        return _differs(actual, expected, low_precision_inputs)
    if _number_kind(actual) != _number_kind(expected):
        return _wrong_kind(actual, expected), Mistake.NUMBER_TYPE
    if _is_float32(actual) and not low_precision_inputs:
        return f"returned {show(actual)} as {np.asarray(actual).dtype}, {wanted} in float64", Mistake.FLOAT32
    return None


def _mismatch_python_number(actual, expected, rtol, atol):
    problem = _mismatch_number(actual, expected, rtol, atol, False)
    if problem is not None or type(actual) is type(expected):
        return problem
    kind = type(expected).__name__
    return (f"returned {_literal(actual)} as {_type_name(actual)} but should return the Python {kind} "
            f"{_literal(expected)}: "
            f"convert it with `{kind}(...)`"), Mistake.NUMBER_TYPE


def _mismatch_any_real(actual, expected, rtol, atol, low_precision_inputs):
    """As mismatch, with an int and a float (or their arrays) equally welcome: only the values and shape count."""
    as_float = np.asarray(expected, dtype=float)
    if _number_kind(actual) == "i" or (isinstance(actual, np.ndarray) and actual.dtype.kind in "iu"):
        actual = np.asarray(actual, dtype=float) if isinstance(actual, np.ndarray) else float(actual)
    return mismatch(actual, as_float if as_float.ndim else float(as_float), rtol=rtol, atol=atol,
                    low_precision_inputs=low_precision_inputs)


def _number_kind(value):
    """'b' for a bool, 'i' for an int, 'f' for a float, Python or NumPy (a 0-d array by its dtype), else None."""
    if isinstance(value, np.ndarray):
        value = value[()] if value.ndim == 0 else None
    if isinstance(value, (bool, np.bool_)):
        return "b"
    if isinstance(value, (numbers.Integral, np.integer)):
        return "i"
    if isinstance(value, (numbers.Real, np.floating)):
        return "f"
    return None


def _dtype_kind(array):
    return {"u": "i"}.get(array.dtype.kind, array.dtype.kind)


def _type_name(value):
    """'a NumPy int64', 'a 0-d array', 'an int': what a number is, for a sentence about its type."""
    if isinstance(value, np.ndarray):
        name = f"{'0-d ' if value.ndim == 0 else ''}{value.dtype} array"
        return f"an {name}" if name[0] in "aeiou" else f"a {name}"
    if isinstance(value, np.generic):
        return f"a NumPy {type(value).__name__.removeprefix('numpy.')}"
    return _KIND_NAMES.get(_number_kind(value), _kind(value))


def _wrong_kind(actual, expected):
    """'returned True, a bool, but should return 1, an int: convert it with `int(...)`'."""
    want = _number_kind(expected)
    return (f"returned {_literal(actual)}, {_type_name(actual)}, but should return {_literal(expected)}, "
            f"{_KIND_NAMES[want]}: convert it with {_KIND_FIXES[want]}")


def _literal(number):
    """A number as Python would print it, so that 10.0 and 10 do not look alike."""
    return repr(number.item() if isinstance(number, (np.generic, np.ndarray)) else number)


def _mismatch_array(actual, expected, rtol, atol, low_precision_inputs):
    wanted_list = isinstance(expected, list)
    expected_array = np.asarray(expected)
    wanted = f"should return {show(expected)}"
    if actual is not None and _is_number(actual) and expected_array.ndim > 0:
        return f"returned the single number {show(actual)} but {wanted}", None
    got = _as_float_array(actual)
    if got is None:
        return f"returned {_kind_and_value(actual)}, which is not an array of numbers; it {wanted}", None
    if got.shape != expected_array.shape:
        return f"returned {_shape_of(actual)} but {_wanted_shape(expected)}", _shape_mistake(got, expected_array)
    if not close(actual, expected, rtol=rtol, atol=atol):
        if _is_integer(actual) and expected_array.dtype.kind == "f":
            return contrast(actual, expected), Mistake.INTEGER_RESULT
        return _differs(actual, expected, low_precision_inputs)
    if wanted_list and not isinstance(actual, list):
        return f"returned {_kind(actual)} but should return a list ({show(expected)})", None
    if not wanted_list and not isinstance(actual, np.ndarray):
        return f"returned {_kind_and_value(actual)} but {wanted}, a NumPy array", Mistake.RETURNED_LIST
    if not wanted_list and _dtype_kind(actual) != _dtype_kind(expected_array):
        want = _dtype_kind(expected_array)
        # ints where floats are promised: right here, and truncated wherever the values are not whole
        mistake = Mistake.INTEGER_RESULT if (_dtype_kind(actual), want) == ("i", "f") else Mistake.NUMBER_TYPE
        return (f"returned {_type_name(actual)} {show(actual)} but should return {_KIND_NAMES[want]} array: "
                f"convert it with {_ARRAY_FIXES[want]}"), mistake
    if _is_float32(actual) and expected_array.dtype == np.float64 and not low_precision_inputs:
        return f"returned a {actual.dtype} array but should return float64", Mistake.FLOAT32
    return None


def _differs(actual, expected, low_precision_inputs):
    """Same shape, other values: say how, and whether lost precision explains it."""
    a, e = _as_float_array(actual), _as_float_array(expected)
    mistake = None
    if not np.all(np.isfinite(a)) and np.all(np.isfinite(e)):
        mistake = Mistake.NOT_FINITE
    elif not low_precision_inputs and close(actual, expected, rtol=_FLOAT32_RTOL, atol=1e-7) and _float32_values(a):
        mistake = Mistake.FLOAT32  # right to about 7 digits, not to 15, and float32 numbers: precision was lost
    return contrast(actual, expected), mistake


def _float32_values(values):
    """Whether every value is a float32 number (as float32 arithmetic leaves them, converted back or not): a
    value rounded to 6 decimals, also right to about 7 digits, is not."""
    with np.errstate(all="ignore"):
        return bool(np.all(values.astype(np.float32).astype(float) == values))


def contrast(actual, expected):
    """'returned X but should return Y', with as many digits as it takes to tell X from Y; for large arrays
    of the same shape, the first entry that differs; for dicts with the same keys, the first entry that differs
    and the keys of the others; for arrays of other shapes, the shape asked for when the values are long."""
    if isinstance(actual, dict) and isinstance(expected, dict) and actual.keys() == expected.keys():
        return _dict_contrast(actual, expected)
    for digits in (6, 10, 17):
        shown, wanted = show(actual, digits), show(expected, digits)
        if shown != wanted:
            if len(shown) + len(wanted) <= SHORT:
                return f"returned {shown} but should return {wanted}"
            break  # too long to read side by side: the first part that differs, below
    if isinstance(actual, tuple) and isinstance(expected, tuple) and len(actual) == len(expected):
        for index, (a, e) in enumerate(zip(actual, expected)):  # large items, each shown by its shape
            if not close(a, e):
                return _within("a tuple", f"item {index}", contrast(a, e))
    a, e = _as_float_array(actual), _as_float_array(expected)
    if a is not None and e is not None and a.shape != e.shape:  # the shapes say it in fewer words
        got = shown if len(shown) <= SHORT // 2 else _shape_of(actual)
        return f"returned {got} but should return {_kind(expected)} of shape {e.shape}"
    differ = []
    if a is not None and e is not None and a.ndim > 0:
        with np.errstate(all="ignore"):
            differ = np.argwhere(~np.isclose(a, e, rtol=RTOL, atol=ATOL))
    if not len(differ):
        return f"returned {shown} but should return {wanted}"
    index = tuple(int(i) for i in differ[0])
    held, instead = next((f"{a[index]:.{d}g}", f"{e[index]:.{d}g}") for d in (6, 10, 17)
                         if f"{a[index]:.{d}g}" != f"{e[index]:.{d}g}" or d == 17)
    return f"returned {_shape_of(actual)} holding {held} at index {index} instead of {instead}"


def _dict_contrast(actual, expected):
    """'returned a dict whose 'dB1' has shape (3, 2) but should have shape (2,) ('dB2' differs too)': the first
    entry that differs, by itself, and the others by their keys, so that a dict of arrays is never printed whole."""
    differ = [key for key in expected if not close(actual[key], expected[key])]
    if not differ:
        return f"returned {show(actual)} but should return {show(expected)}"
    key, others = differ[0], differ[1:]
    a, e = actual[key], expected[key]
    if np.shape(a) != np.shape(e):
        part = f"{key!r} has shape {np.shape(a)} but should have shape {np.shape(e)}"
    else:
        inner = contrast(a, e).removeprefix("returned ").replace(" but should return ", " but should be ", 1)
        part = f"{key!r} is {inner}"
    too = f" ({', '.join(map(repr, others))} differ{'s' if len(others) == 1 else ''} too)" if others else ""
    return f"returned a dict whose {part}{too}"


def _within(whole, part, problem):
    """A part's mismatch said of the whole: 'returned a tuple whose item 1 is 3 but should be 4'."""
    inner = problem.removeprefix("returned ").replace(" but should return ", " but should be ", 1)
    return f"returned {whole} whose {part} is {inner}"


def _shape_mistake(got, expected):
    if got.ndim == 2 and got.shape == expected.shape[::-1] and got.shape[0] != got.shape[1]:
        return Mistake.TRANSPOSED
    if got.ndim == 2 and got.shape[0] == got.shape[1] == expected.size > 1 and expected.ndim <= 2:
        # A row met a column: entry (i, i) pairs the i-th items as intended, so the diagonal is the right answer.
        with np.errstate(all="ignore"):
            if np.allclose(np.diagonal(got), expected.ravel(), rtol=_FLOAT32_RTOL, atol=1e-9):
                return Mistake.BROADCAST_COLUMN
    return None


def _mismatch_dict(actual, expected, rtol, atol, low_precision_inputs):
    if not isinstance(actual, dict):
        return f"returned {_kind(actual)} but should return a dict with keys {sorted(expected)}", None
    if actual.keys() != expected.keys():
        return f"returned a dict with keys {sorted(actual)} but should return one with keys {sorted(expected)}", None
    for key in expected:
        problem = mismatch(actual[key], expected[key], rtol=rtol, atol=atol, low_precision_inputs=low_precision_inputs)
        if problem and _as_float_array(actual[key]) is not None and np.ndim(actual[key]) and np.ndim(expected[key]) \
                and np.shape(actual[key]) != np.shape(expected[key]):
            return (f"returned a dict whose {key!r} has shape {np.shape(actual[key])} but should have shape "
                    f"{np.shape(expected[key])}"), problem[1]
        if problem:
            return _within("a dict", f"{key!r}", problem[0]), problem[1]
    return None


def _mismatch_tuple(actual, expected, rtol, atol, low_precision_inputs):
    if not isinstance(actual, tuple) or len(actual) != len(expected):
        return f"returned {_kind(actual)} but should return a tuple of {len(expected)} items", None
    for index, (a, e) in enumerate(zip(actual, expected)):
        problem = mismatch(a, e, rtol=rtol, atol=atol, low_precision_inputs=low_precision_inputs)
        if problem:
            return _within("a tuple", f"item {index}", problem[0]), problem[1]
    return None


def _mismatch_list(actual, expected, rtol, atol, low_precision_inputs):
    if not isinstance(actual, list):
        return f"returned {_kind(actual)} but should return a list of {_items(len(expected))}", None
    if len(actual) != len(expected):
        return f"returned a list of {_items(len(actual))} but should return a list of {_items(len(expected))}", None
    for index, (a, e) in enumerate(zip(actual, expected)):
        problem = mismatch(a, e, rtol=rtol, atol=atol, low_precision_inputs=low_precision_inputs)
        if problem:
            return _within("a list", f"item {index}", problem[0]), problem[1]
    return None


def _items(count):
    return f"{count} item{'' if count == 1 else 's'}"


def _is_structured_list(value):
    """A list of tuples or dicts (such as a list of (X_batch, y_batch) pairs), compared item by item."""
    return isinstance(value, list) and bool(value) and all(isinstance(item, (tuple, dict)) for item in value)


def _is_number(value):
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "biuf"
    return isinstance(value, (numbers.Real, np.bool_)) and not isinstance(value, str)


def _is_integer(value):
    return isinstance(value, np.ndarray) and value.dtype.kind in "biu"


def _is_float32(value):
    return np.asarray(value).dtype.kind == "f" and np.asarray(value).dtype.itemsize < 8


def _as_float_array(value):
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _kind(value):
    if isinstance(value, np.ndarray):
        return "an array" if value.ndim else "a 0-d array"
    if value is None:
        return "None"
    name = type(value).__name__
    return f"an {name}" if name[0] in "aeiou" else f"a {name}"


def _kind_and_value(value):
    """'a list [1, 2]', or what ``show`` says alone where it names the kind itself ('a list of 11 items')."""
    shown = show(value)
    return shown if shown.startswith(_kind(value)) else f"{_kind(value)} {shown}"


def _shape_of(value):
    return f"{_kind(value)} of shape {np.shape(value)}"


def _wanted_shape(expected):
    return f"should return {_kind(expected)} of shape {np.shape(expected)}"


def show(value, digits=6):
    """A short rendering of a value, in its own type, for a one-sentence message: ``np.array([0.5, 1.0])``,
    ``[1, 2]``, ``0.98``; floats to ``digits`` significant digits; long ones by their shape."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return show(value.item(), digits)
        if value.size <= 8 and value.ndim <= 2:
            return f"np.array({_rounded(value.tolist(), digits)!r})"
        return f"an array of shape {value.shape}"
    if callable(value):  # a function passed in (to a numerical derivative, say): by name, not by its repr
        name = getattr(value, "__name__", "a function")
        return "a lambda" if name == "<lambda>" else name
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (numbers.Integral, np.integer)):
        return str(int(value))
    if isinstance(value, (numbers.Real, np.floating)):
        return f"{float(value):.{digits}g}"
    if isinstance(value, dict):
        shown = "{" + ", ".join(f"{k!r}: {show(v, digits)}" for k, v in value.items()) + "}"
        return shown if len(shown) <= SHORT else f"a dict with keys {', '.join(map(str, value))}"
    if isinstance(value, (list, tuple)):
        # Numbers (or nested lists of them) as typed; arrays, dicts and tuples inside item by item, each array
        # as np.array(...) or by its shape; too long to read in a sentence: by length.
        by_length = f"a {type(value).__name__} of {_items(len(value))}"
        flat = _as_float_array(value)
        if flat is not None and not any(isinstance(v, (np.ndarray, dict, tuple)) for v in value):
            return repr(_rounded(value, digits)) if flat.size <= 8 else by_length
        items = ", ".join(show(v, digits) for v in value)
        shown = f"({items})" if isinstance(value, tuple) else f"[{items}]"
        return shown if len(shown) <= SHORT else by_length
    return repr(value)[:80]


def _rounded(value, digits):
    """Lists and tuples as a student would type them, floats cut to ``digits`` significant digits."""
    if isinstance(value, (list, tuple)):
        return type(value)(_rounded(v, digits) for v in value)
    if isinstance(value, (float, np.floating)):
        return float(f"{value:.{digits}g}")
    return value.item() if isinstance(value, np.generic) else value


def describe_call(function, args):
    """``name(arg, ...)`` with each argument shown briefly, as the student would have typed it; an argument too
    long to read inside a call by its shape, length or keys: ``<array of shape (3, 4)>``, ``<dict with keys W1,
    B1>``. A call longer than CALL_WIDTH shows its longest arrays and lists by their shape or length too, where
    that is shorter, so that the message's diagnosis is not pushed down."""
    name = getattr(function, "__name__", "function")
    shown = [brief(a) for a in args]
    for index in sorted(range(len(args)), key=lambda i: -len(shown[i])):
        if len(name) + sum(len(s) + 2 for s in shown) <= CALL_WIDTH:
            break
        if isinstance(args[index], np.ndarray) and args[index].ndim > 0:
            shorter = f"<array of shape {args[index].shape}>"
        elif isinstance(args[index], (list, tuple)):
            shorter = f"<{type(args[index]).__name__} of {_items(len(args[index]))}>"
        else:
            continue
        shown[index] = min(shown[index], shorter, key=len)
    if len(name) + sum(len(s) + 2 for s in shown) > CALL_WIDTH:  # runs of arrays as one list of shapes
        grouped, run = [], []
        for arg, text in [*zip(args, shown), (None, None)]:
            if isinstance(arg, np.ndarray) and arg.ndim > 0 and text.startswith("<"):
                run.append(arg.shape)
                continue
            if len(run) > 1:
                grouped.append(f"<arrays of shapes {', '.join(map(str, run))}>")
            elif run:
                grouped.append(f"<array of shape {run[0]}>")
            run = []
            if text is not None:
                grouped.append(text)
        shown = grouped
    return f"{name}({', '.join(shown)})"


def brief(value):
    """A value as an argument in a call: as typed when short, else ``<array of shape (3, 4)>``, ``<list of 9
    items>`` or ``<dict with keys W1, B1>``."""
    if isinstance(value, np.ndarray) and value.ndim > 0 and (value.size > 6 or value.ndim > 2):
        return f"<array of shape {value.shape}>"
    shown = show(value)
    if isinstance(value, (dict, list, tuple, np.ndarray)) and shown.startswith(("a ", "an ")):
        return f"<{shown.split(' ', 1)[1]}>"  # show described it by its length, keys or shape
    if len(shown) <= SHORT_ARGUMENT:
        return shown
    if isinstance(value, np.ndarray):
        return f"<array of shape {value.shape}>"
    if isinstance(value, dict):
        return f"<dict with keys {', '.join(map(str, value))}>"
    if isinstance(value, (list, tuple)):
        return f"<{type(value).__name__} of {_items(len(value))}>"
    return shown
