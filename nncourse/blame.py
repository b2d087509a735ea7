"""Whose function a failed check is about: the student's, never a test's helper, and the one to fix first.

Two things make a message name the wrong function:

- A test cell may check a *helper* of its own, which calls the student's function and looks at part of what it
  did (``end_of_fit_line`` keeps fit_line's final m and b; ``activations_on`` applies each layer's activation of
  the model that build_classifier returns). A helper is a notebook function defined in a cell that calls
  ``check``; its message names the student's function it looks at, and never the helper's name, and ends with
  the helper's own first comment saying what it looks at.
- An exercise's function may call an earlier exercise's (fit_line calls mse_gradients). When the earlier one is
  wrong, the later one fails however right it is. The earlier one's own test cell knew its right answer, and
  failed: each failed check is remembered here with the function it checked (that very object, so redefining the
  function forgets it). A later failure of a function whose source calls a remembered one (read from its code,
  as check_rules reads it) says first which function to fix, with what its own test saw.
"""
import inspect
import linecache
import re
import types

from .compare import describe_call
from .source import FunctionSource

_CHECKS = re.compile(r"\bcheck(_raises)?\(")
_failed = {}  # name of a student's function -> (that function, what its failed check saw)


def subject(function, args):
    """(the student's function that a check of ``function(*args)`` is about, how to describe the call).

    For the student's own function, that function and ``name(args)``; for a test's helper, the student's function
    it looks at, shown with the arguments the helper passes on (those after that function, when the helper is
    given it; all of them, when it calls it by name). What the helper looks at (``looked_at``) ends the message."""
    if not _is_helper(function):
        return function, describe_call(function, args)
    passed = [index for index, a in enumerate(args) if _is_notebook_function(a) and not _is_helper(a)]
    if passed:
        student, shown = args[passed[0]], args[passed[0] + 1:]
    else:
        called = [f for _, f in _reads(function) if not _is_helper(f)]
        if not called:
            return function, describe_call(function, args)
        student, shown = called[0], args
    return student, describe_call(student, shown)


def looked_at(function):
    """What a test's helper looks at (its first comment), or "" for another function."""
    return _first_comment(function) if _is_helper(function) else ""


def remember(function, saw):
    """A check of the student's ``function`` failed, seeing ``saw`` ('returned 2 but should return 3')."""
    if _is_notebook_function(function):
        _failed[function.__name__] = (function, saw)


def culprit(function):
    """'fit_line relies on your mse_gradients, whose own test failed (it returned ... but should return ...); fix
    mse_gradients first.' when ``function`` calls a function of the notebook whose own check failed (that same
    definition of it), else None. The arguments of that test are left out: its own message shows them."""
    if not _is_notebook_function(function):
        return None
    for name, called in _reads(function):
        remembered = _failed.get(name)
        if remembered and remembered[0] is called:
            return (f"{function.__name__} relies on your {name}, whose own test failed (it {remembered[1]}); "
                    f"fix {name} first.")
    return None


def _reads(function):
    try:
        return FunctionSource(function).notebook_functions()
    except (OSError, TypeError, SyntaxError):
        return []


def _is_notebook_function(value):
    return isinstance(value, types.FunctionType) and value.__module__ == "__main__"


def _is_helper(function):
    """A notebook function defined in a cell that calls ``check``: a test's, not the student's."""
    if not _is_notebook_function(function):
        return False
    return bool(_CHECKS.search("".join(linecache.getlines(function.__code__.co_filename))))


def _first_comment(function):
    """What a helper looks at: the comment on its `def` line or its first line, else its docstring's first line."""
    try:
        lines, _ = inspect.getsourcelines(function)
    except (OSError, TypeError):
        return ""
    for line in lines[:2]:
        if "#" in line:
            return line.split("#", 1)[1].strip()
    return (inspect.getdoc(function) or "").split("\n")[0]
