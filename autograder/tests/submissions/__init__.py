"""Submissions the course's tests grade besides the solutions and the released stubs.

One module per assignment, named like it (``01_dot_products.py``), defining ``WRONG`` and ``ALTERNATIVE``. Each
entry replaces a single answer cell of an otherwise solved notebook, so the grades it changes belong to that
exercise alone. The tests assert that a wrong answer fails exactly the test cells it should, each failure
message naming one of its mistakes (and each mistake named by some failure), and that an alternative earns
full marks.
"""
import importlib
import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Wrong:
    """An answer that makes one catalogued mistake."""
    exercise: str        # the answer cell it replaces (the function's name)
    mistake: str | tuple  # member(s) of nncourse.mistakes.Mistake that its failures must name
    source: str          # the answer cell as such a student would write it
    fails: tuple = ()    # the test cells it must fail; () means every test cell of the exercise
    hidden_only: bool = False  # only hidden tests can catch it (the text names no such trap)

    def __post_init__(self):
        object.__setattr__(self, "source", textwrap.dedent(self.source).strip())
        if isinstance(self.mistake, str):
            object.__setattr__(self, "mistake", (self.mistake,))


@dataclass(frozen=True)
class Alternative:
    """A correct answer written differently from the solution: it must earn full marks."""
    exercise: str
    source: str

    def __post_init__(self):
        object.__setattr__(self, "source", textwrap.dedent(self.source).strip())


def load(assignment):
    """(WRONG, ALTERNATIVE) for an assignment; a missing module means no wrong submissions were written yet."""
    try:
        module = importlib.import_module(f"{__name__}.{assignment}")
    except ModuleNotFoundError:
        return [], []
    return list(module.WRONG), list(getattr(module, "ALTERNATIVE", []))
