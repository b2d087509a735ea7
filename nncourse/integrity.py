"""Grading's check that the tests ran as written: a notebook's own code never calls this module.

When a notebook is graded, a first cell (before any of the student's code) records how the kernel executes code
(``baseline``), and every test cell ends with a call to ``seal`` with a token made for that cell and that run.
``seal`` shows the token, with whatever changed since the baseline in the machinery that runs cells and in the
functions the tests rely on. The grader then knows for each test cell whether its last line ran (a cell that an
input transformer blanked, or whose failure was hidden, shows no token), and whether student code reached into
the machinery; either way the submission goes to a person (autograder/preprocessors.py, CheckSeals).

Student code runs in the same process, so it could in principle forge all of this; what it would have to do to
forge it is exactly what the grader's reading of the student's code looks for (autograder/pipeline/inspection.py).
"""
import builtins
import sys
import types

SEAL_MIME = "application/vnd.nncourse.seal+json"
# Modules whose functions the tests call: a replaced function changes what a test checks.
WATCHED_MODULES = ["builtins", "numpy", "numpy.linalg", "numpy.random", "numpy.testing", "math",
                   "nncourse", "nncourse.checks", "nncourse.compare", "nncourse.mistakes", "nncourse.source",
                   "nncourse.gradcheck"]
# How the shell runs a cell and shows its result and errors.
SHELL_HOOKS = ["run_cell", "run_cell_async", "run_ast_nodes", "run_code", "transform_cell", "showtraceback",
               "showsyntaxerror", "_showtraceback", "ex", "ev", "push"]
SYS_HOOKS = ["displayhook", "excepthook", "breakpointhook"]  # compared by equality: IPython binds a method anew
# Jupyter's libraries and this package register event callbacks when first used (matplotlib's inline backend
# at the first plot, ``check`` at its first call): only other callbacks are the student's.
TRUSTED_CALLBACKS = ("matplotlib", "matplotlib_inline", "ipykernel", "IPython", "ipywidgets", "comm", "nncourse.")

_baseline = None


def baseline():
    """Record the machinery as it is before any student code runs."""
    global _baseline
    import importlib

    modules = {}
    for name in WATCHED_MODULES:
        try:
            modules[name] = dict(vars(importlib.import_module(name)))
        except ImportError:
            pass
    shell = _shell()
    _baseline = {
        "modules": modules,
        "sys": {name: getattr(sys, name, None) for name in SYS_HOOKS},
        "shell": _shell_state(shell) if shell else None,
        "seal": seal.__code__,
    }


def seal(token):
    """Show ``token`` and what changed since the baseline, as one output the grader reads and removes."""
    from IPython.display import display

    display({SEAL_MIME: {"token": token, "changed": changes()}}, raw=True)


def changes():
    """What student code changed in the machinery since the baseline: one short sentence each."""
    if _baseline is None:
        return ["the grading's first cell did not run"]
    found = []
    if sys.gettrace() is not None or sys.getprofile() is not None:
        found.append("a trace or profile function is set (sys.settrace, sys.setprofile)")
    for name, before in _baseline["sys"].items():
        if not _same(getattr(sys, name, None), before):
            found.append(f"sys.{name} was replaced")
    for name, before in _baseline["modules"].items():
        module = sys.modules.get(name)
        if module is None:
            found.append(f"the module {name} was removed")
            continue
        now = vars(module)
        changed = sorted(key for key, value in before.items() if not key.startswith("__") and not _same(now.get(key), value))
        if changed:
            found.append(f"{name}: {', '.join(changed[:5])}{' ...' if len(changed) > 5 else ''} replaced")
    shell = _shell()
    if _baseline["shell"] is not None and shell is not None:
        before, now = _baseline["shell"], _shell_state(shell)
        for part in before:
            if now[part] != before[part]:
                found.append(f"IPython's {part.replace('_', ' ')} changed")
    if seal.__code__ is not _baseline["seal"]:
        found.append("the grader's own check was replaced")
    return found


def _same(now, before):
    """Whether a value is still what it was: the same object, or the same method bound to the same object
    (ipykernel binds ``input`` anew for every cell it runs)."""
    return now is before or (isinstance(now, types.MethodType) and isinstance(before, types.MethodType)
                             and now == before)


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def _shell_state(shell):
    """What decides how the shell runs cells, as values that compare equal when nothing changed."""
    events = getattr(shell, "events", None)
    return {
        "input_transformers": [id(transform) for transform in
                               [*shell.input_transformers_cleanup, *shell.input_transformers_post]],
        "ast_transformers": [id(transform) for transform in shell.ast_transformers],
        "event_callbacks": {event: [id(callback) for callback in callbacks
                                    if not (getattr(callback, "__module__", None) or "").startswith(TRUSTED_CALLBACKS)]
                            for event, callbacks in (events.callbacks.items() if events else [])},
        "cell_runners": {name: id(vars(shell).get(name, getattr(type(shell), name, None))) for name in SHELL_HOOKS},
        "compiler": id(shell.compile),
        "builtins_of_the_namespace": id(shell.user_ns.get("__builtins__", builtins)),
    }
