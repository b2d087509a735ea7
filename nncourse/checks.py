"""Assertions for test cells that say which mistake a wrong result looks like.

``check`` calls the student's function itself, so that it can describe the call, copy the inputs (and notice
when the function changes them), turn warnings into a message instead of stderr output (which nbgrader scores
as a failure without saying why), and explain exceptions from what actually happened. The expected value is
also a promise about type: see ``nncourse.compare``. When the result is wrong it is compared with the values
the catalogued mistakes would produce (``suspects``) and with the shapes and types they typically give, and
the message ends with the hint of the mistake that fits. ``check_rules`` holds a function to the rules its
exercise states ("with a loop", "no `np.dot`"), read from the function's own source.

    check(dot, [2, 3, 1], [4, -1, 5], expect=10,
          suspects={Mistake.ELEMENTWISE_PRODUCT: [8, -3, 5]})
    check_raises(ValueError, dot, [1, 2], [1, 2, 3], mistake=Mistake.SIZES_NOT_CHECKED)
    check_rules(dot, loop=True, forbid=["np.dot", "@"])

In IPython, a cell whose checks all passed ends with one line on stdout saying so. When grading sets
RECORD_MISTAKES in the kernel's environment, a cell that failed a check ends with an output of type MISTAKES_MIME
naming the catalogued mistakes it matched, for the instructor's report to count (pages and JupyterLab show
nothing for a type they do not know).
"""
import contextlib
import copy
import io
import linecache
import os
import re
import signal
import sys
import threading
import textwrap
import traceback
import warnings
from pathlib import Path

import numpy as np

from . import blame
from .compare import (ATOL, RTOL, any_real, brief, close, contrast, describe_call, expected_value, mismatch,
                      python_number)
from .mistakes import Mistake
from .source import FunctionSource, notebook_settings, notebook_variables

__all__ = ["check", "check_raises", "check_rules", "CheckFailed", "Mistake", "python_number", "any_real"]

_HELPERS = Path(__file__).resolve().parent  # frames in these modules are not the student's business
_NOT_IMPLEMENTED = "is not implemented yet: replace `raise NotImplementedError()` with your code."
TIME_LIMIT = 10  # seconds one call may take: a loop that never ends fails its check instead of hanging the cell
WIDTH = 100  # characters per line of a failure's message, as a notebook shows it
OUTPUT_LINES = 10  # lines a call may print before the rest is cut, so that a loop's prints do not flood feedback
RECORD_MISTAKES = "NNCOURSE_RECORD_MISTAKES"
MISTAKES_MIME = "application/vnd.nncourse.mistakes+json"


class CheckFailed(AssertionError):
    """A failed check. In a notebook it shows its sentence first, then the lines of the test cell and of the
    student's code where it happened, without this package's internals (IPython's ``_render_traceback_``).
    ``mistakes`` are the names of the catalogued mistakes it matched."""

    def __init__(self, message, mistakes=()):
        super().__init__(message)
        self.mistakes = [mistake.name for mistake in mistakes if mistake is not None]

    def _render_traceback_(self):
        # Wrapped, because nbgrader's feedback page shows it in a <pre> that does not wrap.
        first, *rest = wrapped(f"{type(self).__name__}: {self}")
        lines = [first.replace(type(self).__name__, f"\x1b[0;31m{type(self).__name__}\x1b[0m", 1), *rest]
        lines += _where(self)
        if self.__cause__ is not None:
            lines += _where(self.__cause__)
        return lines


def wrapped(message):
    """A failure's ``ename: evalue`` in the lines a notebook and a feedback page show."""
    return textwrap.wrap(message, WIDTH, break_on_hyphens=False)


def _where(error):
    """'at line 2 of the test cell' and 'in dot, line 3: <the student's line>' for frames outside this package.

    A test cell's own source is never quoted: it may be a hidden test, which feedback must not reveal; nor is a
    function the hidden tests define (a reference, or a gate they pass in), named or quoted."""
    frames = traceback.extract_tb(error.__traceback__)
    cells = [index for index, frame in enumerate(frames) if frame.name == "<module>"]
    found = []
    for frame in frames[cells[0] if cells else 0:]:  # what runs the cell is the kernel's business
        if Path(frame.filename).resolve().parent == _HELPERS:
            continue
        if _in_hidden_tests(frame):
            line = "    in the hidden tests of this cell"
        elif frame.name == "<module>":
            line = f"    at line {frame.lineno} of the test cell"
        else:
            line = f"    in {frame.name}, line {frame.lineno}: {(frame.line or '').strip()}"
        if not found or found[-1] != line:
            found.append(line)
    return found


def _in_hidden_tests(frame):
    """Whether a test cell's line lies between nbgrader's hidden-test markers: the released cell, and so the
    feedback page, does not have that line, so its number would point at nothing."""
    above = linecache.getlines(frame.filename)[:frame.lineno]
    markers = [line.strip() for line in above if line.strip() in ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")]
    return bool(markers) and markers[-1] == "### BEGIN HIDDEN TESTS"


def check(function, *args, expect, suspects=None, advice=None, rtol=RTOL, atol=ATOL, time_limit=TIME_LIMIT):
    """Assert that ``function(*args)`` keeps the promise ``expect`` makes: its type, shape, dtype and values.

    Returns nothing on purpose: nbgrader reads a number left as a test cell's last output as partial credit.

    suspects: {Mistake: what that mistake would return}, tried in order when the result is wrong; the value is
        either that result or a predicate that recognises it (``lambda result: np.shape(result) == (3,)``).
    advice: {Mistake: this exercise's advice}, replacing the usual advice (never recommend what it rules out).
    time_limit: seconds after which a call that has not returned fails as NEVER_FINISHED (a loop that waits for
        a condition that never comes), instead of running until nbgrader's cell timeout stops the whole notebook.
        What the call prints is cut after OUTPUT_LINES lines, so that a loop's prints cannot flood the feedback.
    """
    _cell_report.count()
    verify(function, args, expect, suspects=suspects, advice=advice, rtol=rtol, atol=atol, time_limit=time_limit)


def verify(function, args, expect, *, suspects=None, advice=None, rtol=RTOL, atol=ATOL, time_limit=TIME_LIMIT,
           notebook_data=True):
    """``check`` without counting a check: for a search (``nncourse.domain``) that makes many calls as one check.

    notebook_data: whether a right result still fails when the function reads the notebook's data (a search asks
    that once, not at every call)."""
    student, call = blame.subject(function, args)
    actual = _call_and_watch(function, args, call, advice, time_limit, student)
    problem = mismatch(actual, expect, rtol=rtol, atol=atol, low_precision_inputs=_low_precision(args))
    if problem is None:
        if notebook_data and notebook_variables(function):  # right here, by luck of the notebook's data
            _fail(f"{call} returned the expected value, but only thanks to the notebook's data.",
                  Mistake.NOTEBOOK_GLOBAL, advice, function, student)
        return
    what, mistake = problem
    suspect = _suspect(actual, expected_value(expect), mistake, suspects or {}, rtol, atol)
    if suspect is not None:
        what, mistake = contrast(actual, expected_value(expect)), suspect
    else:  # reading the notebook's data explains a failure better than the shape it led to
        mistake = _reads_notebook(function) or mistake
    _fail(f"{call} {what}.", mistake, advice, function, student, call)


_TYPE_MISTAKES = (Mistake.NUMBER_TYPE, Mistake.INTEGER_RESULT)


def _suspect(actual, expected, mistake, suspects, rtol, atol):
    """The one suspect the evidence names, or None. A result of the wrong type is named by its type: that much
    is certain, and a suspect that matches it too is a guess. A suspect whose value equals the expected one
    (up to dtype) cannot tell the mistake from a right answer, and one that another suspect also matches cannot
    tell the two apart: neither is named."""
    if mistake in _TYPE_MISTAKES:
        return None
    matched = [suspect for suspect, value in suspects.items() if not callable(value)
               and close(actual, value, rtol=rtol, atol=atol) and not close(value, expected, rtol=rtol, atol=atol)]
    if matched:
        return matched[0] if len(matched) == 1 else None
    # A predicate recognises a kind of result rather than computing it: the first that recognises this one.
    return next((suspect for suspect, value in suspects.items() if callable(value) and value(actual)), None)


def check_raises(exception, function, *args, mistake=None, advice=None):
    """Assert that ``function(*args)`` raises ``exception``; ``mistake`` explains a call that does not."""
    _cell_report.count()
    student, call = blame.subject(function, args)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            function(*copy.deepcopy(args))
    except exception:
        return
    except Exception as error:
        _raise_explained(call, error, function, args, advice, expected=exception, student=student)
    _fail(f"{call} returned normally but should raise {exception.__name__}.", mistake, advice, function, student,
          call)


def check_rules(function, *, loop=None, forbid=(), require=(), advice=None):
    """Assert that ``function``'s own source keeps its exercise's rules.

    loop: True when the exercise asks for a loop (for, while or a comprehension), False when it asks for none.
    forbid: the tools the exercise rules out: "@", "np.dot" (however NumPy was imported), ".sum" (a method).
    require: the tools the exercise asks for, named as ``forbid`` names them ("keras.layers.Dense"): each must be
        used, however it was imported or reached, in the function or in a notebook function it calls.
    """
    _cell_report.count()
    name = _name_of(function)
    try:
        source = FunctionSource(function)
    except (OSError, TypeError, SyntaxError):
        raise CheckFailed(f"the source of {name} cannot be read: define {name} with `def` in its answer cell "
                          "and run that cell.") from None
    if source.raises_not_implemented():  # a stub keeps every rule by doing nothing at all
        raise CheckFailed(f"{name} {_NOT_IMPLEMENTED}")
    broken = []  # every rule it breaks, so that one round of corrections is enough
    loops = source.loops()
    if loop is True and not loops:
        broken.append((f"{name} has no loop.", Mistake.LOOP_MISSING))
    if loop is False and loops:
        broken.append((f"{name} uses a Python loop ({source.where(loops[0])}).", Mistake.LOOP_NOT_ALLOWED))
    used = source.uses(forbid)
    if used:
        tool, node = used[0]
        allowed = ", ".join(f"`{t}`" for t in forbid)
        broken.append((f"{name} uses `{tool}` ({source.where(node)}), and this exercise rules out {allowed}.",
                       Mistake.RULED_OUT))
    missing = [tool for tool in require if not source.uses([tool])]
    if missing:
        asked = ", ".join(f"`{tool}`" for tool in missing)
        broken.append((f"{name} does not use {asked}, which this exercise asks for.", Mistake.TOOL_MISSING))
    if broken:
        raise CheckFailed(" ".join(f"{sentence} {mistake.hint((advice or {}).get(mistake))}"
                                   for sentence, mistake in broken), [mistake for _, mistake in broken])


def _fail(sentence, mistake, advice, function=None, student=None, call=""):
    """Raise the failure: the sentence, then the mistake's hint; or first the function to fix, when ``student``
    (the student's function the check is about) relies on one of theirs whose own test failed (blame.py).
    ``call`` begins the sentence: what the function did follows it."""
    if student is not None:
        blame.remember(student, sentence.removeprefix(call).strip().removesuffix("."))
        first = blame.culprit(student)
        if first:  # what a helper looks at would only lengthen what matters less than the function to fix
            raise CheckFailed(f"{first} Here, {sentence}")
    if mistake in (Mistake.NOTEBOOK_GLOBAL, Mistake.GLOBAL_SETTING) and function is not None:
        read = notebook_variables if mistake is Mistake.NOTEBOOK_GLOBAL else notebook_settings
        names = ", ".join(f"`{name}`" for name in read(function))
        reads = f" {_name_of(function)} reads {names} from the notebook." if names else ""
    else:
        reads = ""
    given = (advice or {}).get(mistake)
    hint = f" {mistake.hint(given)}" if mistake else ""
    # the diagnosis right after the first sentence: what the function reads, and what a test's helper looks at,
    # follow it
    note = blame.looked_at(function) if function is not None else ""
    looked = f" The test looks at {note.removesuffix('.')}." if note else ""
    raise CheckFailed(f"{sentence}{hint}{reads}{looked}", [_mistake_hinted(given) or mistake])


def _mistake_hinted(advice):
    """The catalogued mistake whose hint an exercise gives as its advice for another (a warning's advice that is
    SIGMOID_OVERFLOW's hint): the diagnosis the student reads last, and so the one recorded for the report."""
    return next((mistake for mistake in Mistake if advice and advice.startswith(f"{mistake.diagnosis}: ")), None)


def _name_of(function):
    return getattr(function, "__name__", "the function")


def _reads_notebook(function):
    if notebook_variables(function):
        return Mistake.NOTEBOOK_GLOBAL
    return Mistake.GLOBAL_SETTING if notebook_settings(function) else None


def _raise_explained(call, error, function, args, advice, expected=None, student=None):
    """Raise a CheckFailed that says what the call raised and, where the evidence shows it, why."""
    if isinstance(error, NotImplementedError):  # the stub's own traceback would teach nothing
        if student is not None:
            blame.remember(student, _NOT_IMPLEMENTED.split(":")[0])
        raise CheckFailed(f"{call} {_NOT_IMPLEMENTED}") from None
    should = f" but should raise {expected.__name__}" if expected else ""
    sentence = f"{call} raised {type(error).__name__}: {_said(error)}{should}."
    mistake = _explain(error, function, args, expected)
    try:
        _fail(sentence, mistake, advice, function, student, call)
    except CheckFailed as failure:
        raise failure from error


_MATMUL = re.compile(r"matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                     r"\S+ \(size (\d+) is different from (\d+)\)")
_GUFUNC = re.compile(r", with gufunc signature \S+")


def _said(error):
    """What an exception says, NumPy's matmul mismatch in fewer words (its gufunc signature teaches nothing)."""
    said = str(error)
    found = _MATMUL.fullmatch(said)
    if found:
        return (f"matmul: the second operand's first axis has size {found[1]}, the first operand's last axis "
                f"{found[2]}")
    return _GUFUNC.sub("", said)


def _explain(error, function, args, expected):
    """The mistake an exception shows, judged from the exception and the call, or None when it shows none."""
    if _reads_notebook(function):
        return _reads_notebook(function)
    message = str(error)
    if isinstance(error, OverflowError) and "out of range" in message:  # `error ** 2` of a float past 1e308
        return Mistake.DIVERGED
    if isinstance(error, OverflowError) and "math range error" in message:  # math.exp(1000)
        return Mistake.EXP_OVERFLOW
    if (isinstance(error, IndexError) and "only integers" in message) or (
            isinstance(error, TypeError) and "indices must be integers" in message):  # a[1.0], [1, 2][n / 2]
        return Mistake.FLOAT_INDEX
    if isinstance(error, TypeError) and "Cannot cast ufunc" in message:  # `Z += B` with an integer Z
        return Mistake.IN_PLACE_ON_INTEGERS
    if (isinstance(error, TypeError) and "arrays can be converted to Python scalars" in message) or (
            isinstance(error, ValueError) and "truth value of an array" in message):  # math.pow(x, 2), `if x > 0`
        return Mistake.SCALAR_ONLY
    if isinstance(error, TypeError) and any(isinstance(a, list) for a in args) and (
            "list" in message or "sequence" in message):
        return Mistake.LIST_ARITHMETIC
    if isinstance(error, IndexError):
        if expected is ValueError:  # inputs that should have been refused were read past their end instead
            return Mistake.SIZES_NOT_CHECKED
        if any(np.size(a) == 0 for a in args if isinstance(a, (list, tuple, np.ndarray))):
            return Mistake.EMPTY_INPUT
        if "out of bounds" in message or "out of range" in message:
            return Mistake.INDEX_PAST_END
        return None
    if isinstance(error, ValueError) and expected is None and (
            "broadcast" in message or "aligned" in message or "dimension" in message):
        return Mistake.SHAPES_DO_NOT_FIT
    return None


def _call_and_watch(function, args, call, advice, time_limit, student=None):
    """Call ``function(*args)`` and fail on an exception, a warning, an argument it changed, or a call still
    running after ``time_limit`` seconds."""
    originals = copy.deepcopy(args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with _bounded(time_limit):
                actual = function(*args)
        except _TimeUp:
            mistake = _reads_notebook(function) or Mistake.NEVER_FINISHED
            _fail(f"{call} did not return within {time_limit:g} seconds.", mistake, advice, function, student, call)
        except Exception as error:
            _raise_explained(call, error, function, originals, advice, student=student)
    if caught:
        first = caught[0]
        _fail(f"{call} emitted {first.category.__name__}: {first.message}.", Mistake.WARNING_EMITTED, advice,
              student=student, call=call)
    for before, after in zip(originals, args):
        if not _same(before, after):
            _fail(f"{call} changed its argument {_change(before, after)}.", Mistake.MUTATED_INPUT, advice,
                  student=student, call=call)
    return actual


def _change(before, after):
    """'[1, 2] to [1, 3]', or where it changed when the two look the same in short: 'of shape (8, 3): at index
    (0, 2), 0.5 became 0.4'."""
    shown_before, shown_after = brief(before), brief(after)
    if shown_before != shown_after:
        return f"{shown_before} to {shown_after}"
    b, a = np.asarray(before), np.asarray(after)
    if b.shape == a.shape and b.ndim > 0 and b.dtype.kind in "biuf" and a.dtype.kind in "biuf":
        index = tuple(int(i) for i in np.argwhere(b != a)[0])
        return f"{shown_before}: at index {index}, {b[index].item()!r} became {a[index].item()!r}"
    return f"{shown_before} (its contents changed)"


class _TimeUp(BaseException):
    """Raised into a call that ran out of time: a BaseException, so that the student's `except Exception` cannot
    swallow it."""


@contextlib.contextmanager
def _bounded(seconds):
    """Run the block for at most ``seconds`` (where a timer signal can be used: the main thread of a Unix process,
    as in a notebook's kernel; elsewhere without a limit) and let it print at most OUTPUT_LINES lines."""
    printed = io.StringIO()
    timer = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if timer:
        def time_up(signum, frame):
            raise _TimeUp()
        previous = signal.signal(signal.SIGALRM, time_up)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        with contextlib.redirect_stdout(printed):
            yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        lines = printed.getvalue().splitlines(keepends=True)
        if lines:
            cut = len(lines) - OUTPUT_LINES
            sys.stdout.write("".join(lines[:OUTPUT_LINES])
                             + (f"... ({cut} more printed lines cut by the test)\n" if cut > 0 else ""))


def _low_precision(args):
    """Whether any argument holds float32 or float16 data (then a float32 result is fair)."""
    def low(value):
        if isinstance(value, dict):
            return any(low(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return any(low(v) for v in value)
        dtype = getattr(value, "dtype", None)
        return dtype is not None and dtype.kind == "f" and dtype.itemsize < 8
    return low(args)


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
    if isinstance(before, np.random.Generator):  # passed to be drawn from: its state is meant to move
        return isinstance(after, np.random.Generator)
    return before is after or before == after


class _CellReport:
    """Prints one line after an IPython cell in which checks ran and all passed: "✓ passed (3 checks)"; after a
    failed one, records the mistakes it matched when RECORD_MISTAKES is set.

    Registered with IPython on the first check, not on import, so that importing the package has no effect."""

    def __init__(self):
        self.checks, self.registered = 0, False

    def count(self):
        self.checks += 1
        if not self.registered:
            self.registered = True
            shell = _ipython()
            if shell is not None:
                shell.events.register("post_run_cell", self.after_cell)

    def after_cell(self, result):
        checks, self.checks = self.checks, 0
        if checks and result.success:  # one write: print's two could reach the notebook as two outputs
            sys.stdout.write(f"✓ passed ({checks} check{'s' if checks != 1 else ''})\n")
        failure = result.error_in_exec
        if isinstance(failure, CheckFailed) and failure.mistakes and os.environ.get(RECORD_MISTAKES):
            from IPython.display import display
            display({MISTAKES_MIME: {"mistakes": failure.mistakes}}, raw=True)


def _ipython():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


_cell_report = _CellReport()
