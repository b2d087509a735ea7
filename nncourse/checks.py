"""Assertions for test cells that say which mistake a wrong result looks like.

``check`` calls the student's function itself, so that it can describe the call, copy the inputs (and notice
when the function changes them), turn warnings into a message instead of stderr output (which nbgrader scores
as a failure without saying why), and explain exceptions. When the result is wrong it compares it with the
values the catalogued mistakes would produce (``suspects``) and with the shapes and types they typically give,
and ends the message with the hint of the first mistake that fits.

    check(dot, [2, 3, 1], [4, -1, 5], expect=10,
          suspects={Mistake.ELEMENTWISE_PRODUCT: [8, -3, 5]})
    check_raises(ValueError, dot, [1, 2], [1, 2, 3], mistake=Mistake.SIZES_NOT_CHECKED)
"""
import copy
import textwrap
import traceback
import warnings
from pathlib import Path

import numpy as np

from .mistakes import Mistake

__all__ = ["check", "check_raises", "CheckFailed", "Mistake"]

_HELPERS = Path(__file__).resolve().parent  # frames in these modules are not the student's business


class CheckFailed(AssertionError):
    """A failed check. In a notebook it shows its sentence first, then the lines of the test cell and of the
    student's code where it happened, without this module's internals (IPython's ``_render_traceback_``)."""

    def _render_traceback_(self):
        # Wrapped, because nbgrader's feedback page shows it in a <pre> that does not wrap.
        first, *rest = textwrap.wrap(f"{type(self).__name__}: {self}", 100)
        lines = [first.replace(type(self).__name__, f"\x1b[0;31m{type(self).__name__}\x1b[0m", 1), *rest]
        lines += _where(self)
        if self.__cause__ is not None:
            lines += _where(self.__cause__)
        return lines


def _where(error):
    """'at line 2 of the test cell' and 'in dot, line 3: <the student's line>' for frames outside this package.

    A test cell's own source is never quoted: it may be a hidden test, which feedback must not reveal."""
    frames = traceback.extract_tb(error.__traceback__)
    cells = [index for index, frame in enumerate(frames) if frame.name == "<module>"]
    found = []
    for frame in frames[cells[0] if cells else 0:]:  # what runs the cell is the kernel's business
        if Path(frame.filename).resolve().parent == _HELPERS:
            continue
        if frame.name == "<module>":
            found.append(f"    at line {frame.lineno} of the test cell")
        else:
            found.append(f"    in {frame.name}, line {frame.lineno}: {(frame.line or '').strip()}")
    return found


def check(function, *args, expect, suspects=None, rtol=1e-6, atol=1e-9):
    """Assert that ``function(*args)`` returns ``expect`` (within rtol/atol).

    Returns nothing on purpose: nbgrader reads a number left as a test cell's last output as partial credit.

    suspects: {Mistake: what that mistake would return}, tried in order when the result is wrong; the value is
        either that result or a predicate that recognises it (``lambda result: np.shape(result) == (3,)``).
    """
    call = describe_call(function, args)
    actual = _call_and_watch(function, args, call)
    problem = diagnose(actual, expect, suspects or {}, rtol=rtol, atol=atol)
    if problem:
        raise CheckFailed(f"{call} {problem}")


def check_raises(exception, function, *args, mistake=None):
    """Assert that ``function(*args)`` raises ``exception``; ``mistake`` explains a call that does not."""
    call = describe_call(function, args)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            function(*copy.deepcopy(args))
    except exception:
        return
    except Exception as error:
        _raise_explained(call, error, args, f" but should raise {exception.__name__}")
    hint = f" {mistake.hint}" if mistake else ""
    raise CheckFailed(f"{call} returned normally but should raise {exception.__name__}.{hint}")


def _raise_explained(call, error, args, expectation=""):
    """Raise a CheckFailed that says what the call raised and, when it is recognisable, why."""
    if isinstance(error, NotImplementedError):  # the stub's own traceback would teach nothing
        raise CheckFailed(
            f"{call} is not implemented yet: replace `raise NotImplementedError()` with your code.") from None
    hint = ""
    if isinstance(error, TypeError) and any(isinstance(a, list) for a in args):
        hint = f" {Mistake.LIST_ARITHMETIC.hint}"
    elif isinstance(error, IndexError):
        # Indexing past the end: on valid inputs the code assumed a size; on inputs that should be refused
        # it never compared them.
        hint = f" {(Mistake.SIZES_NOT_CHECKED if expectation else Mistake.HARD_CODED_SIZE).hint}"
    raise CheckFailed(f"{call} raised {type(error).__name__}: {error}{expectation}.{hint}") from error


def _call_and_watch(function, args, call):
    """Call ``function(*args)`` and fail on an exception, a warning, or an argument it changed."""
    originals = copy.deepcopy(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            actual = function(*args)
        except Exception as error:
            _raise_explained(call, error, args)
    if caught:
        first = caught[0]
        raise CheckFailed(
            f"{call} emitted {first.category.__name__}: {first.message}. {Mistake.WARNING_EMITTED.hint}"
        )
    for before, after in zip(originals, args):
        if not _same(before, after):
            raise CheckFailed(f"{call} changed its argument {show(before)} to {show(after)}. "
                              f"{Mistake.MUTATED_INPUT.hint}")
    return actual


def diagnose(actual, expected, suspects, *, rtol=1e-6, atol=1e-9):
    """Return None when ``actual`` matches ``expected``, else the end of a sentence saying what is wrong."""
    if actual is None:
        return f"returned None. {Mistake.RETURNED_NOTHING.hint}"
    if _matches(actual, expected, rtol, atol):
        return None
    for mistake, value in suspects.items():
        if value(actual) if callable(value) else _matches(actual, value, rtol, atol):
            return f"returned {show(actual)} but should return {show(expected)}. {mistake.hint}"
    return _describe_difference(actual, expected)


def _describe_difference(actual, expected):
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return f"returned {show(actual)}, which is not a number or an array of numbers."
    e = np.asarray(expected, dtype=float)
    got = f"returned {show(actual)} but should return {show(expected)}."
    if e.ndim == 0 and np.ndim(actual) > 0:
        if a.size == 1:
            return f"{got} {Mistake.ONE_BY_ONE_ARRAY.hint}"
        return f"returned an array of shape {a.shape} but should return a single number ({show(expected)})."
    if a.shape != e.shape:
        got = f"returned an array of shape {a.shape} but should return shape {e.shape}."
        if a.ndim == 2 and a.shape == e.shape[::-1] and a.shape[0] != a.shape[1]:
            return f"{got} {Mistake.TRANSPOSED.hint}"
        if a.ndim == 2 and a.shape[0] == a.shape[1] > 1 and a.shape[0] in e.shape and e.ndim <= 2:
            return f"{got} {Mistake.BROADCAST_COLUMN.hint}"
        return got
    if not np.all(np.isfinite(a)) and np.all(np.isfinite(e)):
        return f"{got} {Mistake.NOT_FINITE.hint}"
    if np.asarray(actual).dtype.kind in "iub" and e.dtype.kind == "f" and np.any(e != np.round(e)):
        return f"{got} {Mistake.INTEGER_RESULT.hint}"
    if a.size > 1:
        where = tuple(int(i) for i in np.argwhere(~np.isclose(a, e, rtol=1e-6, atol=1e-9))[0])
        return f"{got[:-1]}; the first difference is at index {where}: {a[where]:.6g} instead of {e[where]:.6g}."
    return got


def _matches(actual, expected, rtol, atol):
    try:
        a = np.asarray(actual, dtype=float)
        e = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if a.shape != e.shape or (e.ndim == 0 and np.ndim(actual) != 0):
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, e, rtol=rtol, atol=atol))


def _same(before, after):
    if isinstance(before, dict):
        return isinstance(after, dict) and before.keys() == after.keys() and all(
            _same(before[k], after[k]) for k in before)
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.shape == after.shape
                and np.array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
    if isinstance(before, (list, tuple)):
        return (type(before) is type(after) and len(before) == len(after)
                and all(_same(b, a) for b, a in zip(before, after)))
    return before is after or before == after


def show(value):
    """A short, readable rendering of a value for a one-sentence message."""
    if isinstance(value, (bool, int, float, np.number)):
        return f"{value:.6g}" if isinstance(value, (float, np.floating)) else str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)) and all(np.ndim(v) == 0 for v in value):
        if len(value) <= 8:
            return repr(type(value)(_plain(v) for v in value))
        return f"a {type(value).__name__} of {len(value)} items"
    try:
        array = np.asarray(value)
    except Exception:
        return repr(value)
    if array.dtype == object:
        return repr(value)[:80]
    if array.ndim == 0:
        return show(array.item())
    kind = "an array" if isinstance(value, np.ndarray) else f"a {type(value).__name__}"
    if array.size <= 8:
        shape = f"shape {array.shape}" if isinstance(value, np.ndarray) else f"{kind} of shape {array.shape}"
        return f"{_one_line(array, precision=6)} ({shape})"
    return f"{kind} of shape {array.shape}"


def _one_line(array, precision):
    """The array as a student would type it: ``[[1.5, -2.0], [0.25, 3.0]]``."""
    if array.dtype.kind in "fc":
        array = np.round(array, precision)
    return repr(array.tolist())


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def describe_call(function, args):
    """``name(arg, ...)`` with each argument shown briefly, as the student would have typed it."""
    def arg(value):
        if isinstance(value, np.ndarray):
            if value.size <= 6 and value.ndim <= 2:
                return f"np.array({_one_line(value, precision=4)})"
            return f"<array of shape {value.shape}>"
        return show(value)
    name = getattr(function, "__name__", "function")
    return f"{name}({', '.join(arg(a) for a in args)})"
