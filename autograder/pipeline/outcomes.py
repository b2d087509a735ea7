"""What grading made of each enrolled student's work on one assignment: exactly one of four states.

- graded: nbgrader graded a notebook (``note`` says anything the instructor should know, such as a renamed
  notebook graded anyway or a cell that was stopped);
- could not be graded: ``note`` says why in a sentence (not a notebook, no notebook, timed out in cell X);
- held for review: graded, but its code reaches into grading or its tests did not all run as written; ``note``
  says why, and the automatic score does not count until a person has graded it in the formgrader;
- missing: enrolled, nothing submitted (or only another assignment's notebook: ``note`` says what).

A student who submitted without being enrolled is graded all the same, and ``enrolled`` says so (roster.py).

The gradebook holds the scores (a grade changed by hand in the formgrader is the gradebook's); the outcome adds
what the gradebook cannot say: the state, its note, and the mistakes each failing test cell named.
"""
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

GRADED = "graded"
UNGRADABLE = "could not be graded"
HELD = "held for review"
MISSING = "missing"
STATES = (GRADED, HELD, UNGRADABLE, MISSING)


@dataclass
class Outcome:
    student: str
    state: str
    note: str = ""
    # {test cell grade_id: [score, max_score]}, from the gradebook; empty unless graded or held
    scores: dict = field(default_factory=dict)
    # {test cell grade_id: [names of the Mistakes its failing checks matched]}, read from the autograded notebook
    mistakes: dict = field(default_factory=dict)
    enrolled: bool = True  # False: submitted, and not on the roster

    def __post_init__(self):
        if self.state not in STATES:
            raise ValueError(f"unknown state {self.state!r}: one of {', '.join(STATES)}")

    @property
    def score(self):
        return sum(score for score, _ in self.scores.values())

    def save(self, path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=1, sort_keys=True) + "\n")

    @classmethod
    def load(cls, path):
        return cls(**json.loads(Path(path).read_text()))
