"""nbgrader's log, as the pipeline hears it: captured per run (nbgrader's capture_log), never printed as it
comes, and read back for the warnings worth a person's attention."""
import logging
import re

LOG = logging.getLogger("autograder.pipeline.nbgrader")
LOG.propagate = False  # its records reach the pipeline through capture_log's result, not the console
LOG.setLevel(logging.WARNING)
LOG.addHandler(logging.NullHandler())

_RECORD = re.compile(r"^\[(?P<level>[A-Z]+)\]", re.MULTILINE)
# Warnings that say nothing a person should act on: a regrade replaces the autograded copy it made before.
_ROUTINE = ("Removing existing assignment:",)


def warnings(result):
    """The warnings of a captured run (``result["log"]``), each as one line: nbgrader spreads some over several
    indented lines (its owner check, for one)."""
    log = result.get("log", "")
    starts = [match for match in _RECORD.finditer(log)]
    found = []
    for match, following in zip(starts, [*starts[1:], None]):
        if match["level"] == "WARNING":
            text = " ".join(log[match.end():following.start() if following else len(log)].split())
            if not text.startswith(_ROUTINE):
                found.append(text)
    return found


_EXCEPTION = re.compile(r"^\s*(?P<exception>(?:[\w.]+\.)?\w+(?:Error|Exception|Exit|Interrupt)\b.*)$", re.MULTILINE)
_NBGRADERS_OWN = "NbGraderException"  # its "see the above traceback", which says nothing itself


def failure(result):
    """Why a captured run failed, in one line: the exception that stopped nbgrader, in its own words (nbgrader logs
    the traceback, then raises an exception of its own that only says to read it)."""
    raised = [match["exception"].strip() for text in (result.get("log", ""), result.get("error") or "")
              for match in _EXCEPTION.finditer(text)]
    raised = [line for line in raised if _NBGRADERS_OWN not in line] or raised
    return raised[-1][:300] if raised else "no reason given"
