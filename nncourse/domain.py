"""Hidden tests that search an exercise's whole declared domain for an input on which the answer is wrong.

A docstring promises a result for every input it allows, and a few worked cases try only a few of them. A
search compares the student's function with a reference implementation (kept in the hidden tests, so it never
reaches a student) on inputs drawn by Hypothesis from everything the docstring allows, and reports the
*smallest* input it finds wrong through ``check``'s own message: "f(x) returned ... but should return ...",
with the usual diagnosis and the suspects computed for that input.

    search(perceptron, lambda x, w, threshold: python_number(int(np.dot(w, x) > threshold)),
           st.tuples(real_arrays((3,)), real_arrays((3,)), reals(10)),
           suspects=lambda x, w, threshold: {Mistake.THRESHOLD_TIE: int(np.dot(w, x) >= threshold)})

The search is derandomized (the same inputs on every run, so the same grade), writes no example database and
nothing to stdout or stderr, and is bounded by a number of examples and a number of seconds. A search counts
as one check.
"""
import contextlib
import copy
import functools
import io
import time
import warnings

import numpy as np

from . import checks
from .checks import TIME_LIMIT, CheckFailed, verify
from .compare import ATOL, RTOL
from .mistakes import Mistake
from .source import notebook_variables

__all__ = ["search", "reals", "real_arrays", "ties", "EXAMPLES", "SECONDS"]

LAZY_IMPORTS = {name: ["hypothesis", "hypothesis.extra.numpy"] for name in ("search", "reals", "real_arrays", "ties")}
EXAMPLES = 10   # inputs drawn per search when all pass: the strategies put the boundaries within the first few
SECONDS = 8     # a search's bound: far above a right answer's cost, so that only a pathologically slow one meets it


class _OutOfTime(BaseException):
    """Raised through Hypothesis when a search has used its seconds: a BaseException, which it does not catch."""


def search(function, reference, arguments, *, suspects=None, advice=None, rtol=RTOL, atol=ATOL,
           examples=EXAMPLES, seconds=SECONDS):
    """Assert that ``function(*args)`` keeps the promise ``reference(*args)`` makes, for every ``args`` that the
    Hypothesis strategy ``arguments`` (of tuples) draws; on failure, fail as ``check`` on the smallest such args.

    reference: the right answer as a function of the arguments, returning what ``check`` takes as ``expect``
        (wrapped in ``python_number`` or ``any_real`` where the docstring says so). An input on which the
        reference itself raises lies outside the domain and is skipped.
    suspects: {Mistake: value or predicate} as for ``check``, or a function of the arguments that returns one.
    examples, seconds: the search's bounds; the grade never depends on the machine unless the function is so
        slow that ``seconds`` runs out, which fails as a function that did not finish.
    """
    from hypothesis import Phase, Verbosity, find, reject, settings
    from hypothesis.errors import NoSuchExample

    _without_local_constants()
    checks._cell_report.count()
    deadline = time.monotonic() + seconds
    failing = []  # the failing inputs in the order found, each smaller than the one before
    hanging = []  # the input of a call still running when the search's time ran out

    def fails(args):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _OutOfTime()
        try:
            expect = reference(*args)
        except Exception:  # not an input the docstring allows
            reject()
        as_drawn = copy.deepcopy(args)  # to report, should the function change its arguments
        try:
            verify(function, args, expect, rtol=rtol, atol=atol, time_limit=min(remaining, TIME_LIMIT),
                   notebook_data=False)
        except CheckFailed as failure:
            if failure.mistakes == [Mistake.NEVER_FINISHED.name] and remaining < TIME_LIMIT:
                hanging.append(args)  # the search's time ran out during this call: not necessarily its fault
                raise _OutOfTime() from None
            failing.append(as_drawn)
            return True
        return False

    bounds = settings(max_examples=examples, derandomize=True, database=None, deadline=None, print_blob=False,
                      verbosity=Verbosity.quiet, phases=(Phase.explicit, Phase.generate, Phase.shrink))
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")  # Hypothesis's own; the student's are caught call by call
        try:
            find(arguments, fails, settings=bounds)
        except (NoSuchExample, _OutOfTime):
            pass
    if not failing:
        if time.monotonic() > deadline:
            within = f"within {seconds:g} second{'' if seconds == 1 else 's'}"
            what = (f"{checks.describe_call(function, hanging[0])} did not return {within}" if hanging else
                    f"{getattr(function, '__name__', 'the function')} did not finish {examples} calls {within}")
            checks._fail(f"{what}.", Mistake.NEVER_FINISHED, advice, function)
        if notebook_variables(function):
            checks._fail(f"{getattr(function, '__name__', 'the function')} returned the expected values, but only "
                         "thanks to the notebook's data.", Mistake.NOTEBOOK_GLOBAL, advice, function)
        return
    smallest = failing[-1]
    expect = reference(*smallest)
    for_these = suspects(*smallest) if callable(suspects) else suspects
    verify(function, smallest, expect, suspects=for_these, advice=advice, rtol=rtol, atol=atol)
    checks._fail(f"{checks.describe_call(function, smallest)} failed once and passed once on the same input.",
                 Mistake.UNSEEDED, advice, function)


def _without_local_constants():
    """Hypothesis mixes into its inputs numbers read from the source of every local module loaded (and caches them
    in a .hypothesis folder): the inputs, and so a grade, would depend on what else the process had imported. Its
    pool of such numbers stays empty here."""
    from hypothesis.internal.conjecture import providers
    providers._get_local_constants = lambda: providers._local_constants


# Strategies for the domains docstrings declare, built on hypothesis.extra.numpy.

# Cached: a composite strategy asks for the same ones at every draw, and building one costs more than drawing.

@functools.lru_cache(maxsize=None)
def reals(magnitude, *, ints=True):
    """Numbers in [-magnitude, magnitude]: Python ints (when ``ints``) and floats, NaN and inf excluded."""
    from hypothesis import strategies as st
    floats = st.floats(-magnitude, magnitude, allow_nan=False, allow_infinity=False)
    return st.one_of(st.integers(-int(magnitude), int(magnitude)), floats) if ints else floats


@functools.lru_cache(maxsize=None)
def real_arrays(shape, *, magnitude=10, dtypes=("int", "float")):
    """Arrays of ``shape`` (a tuple or a strategy of tuples) with entries in [-magnitude, magnitude], of each of
    ``dtypes``: "int" (int64), "float" (float64), "binary" (int64 0s and 1s), "quarters" (float64 multiples of
    1/4: sums and products of a few are exact in any order, so a tie is a tie however it is computed), "float32"."""
    from hypothesis import strategies as st
    from hypothesis.extra import numpy as hnp
    elements = {
        "int": (np.int64, st.integers(-int(magnitude), int(magnitude))),
        "binary": (np.int64, st.integers(0, 1)),
        "quarters": (np.float64, st.integers(-4 * int(magnitude), 4 * int(magnitude)).map(lambda k: k / 4)),
        "float": (np.float64, st.floats(-magnitude, magnitude, allow_nan=False, allow_infinity=False)),
        "float32": (np.float32, st.floats(-magnitude, magnitude, allow_nan=False, allow_infinity=False, width=32)),
    }
    return st.one_of([hnp.arrays(elements[name][0], shape, elements=elements[name][1]) for name in dtypes])


def ties(value, within=1e-9):
    """``value`` itself and the numbers ``within`` of it on either side: the inputs where `>` and `>=` part."""
    from hypothesis import strategies as st
    return st.sampled_from([value, value + within, value - within])
