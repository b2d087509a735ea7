"""The instructor's grading pipeline: collect, autograde, feedback, export, report, enrol, for one assignment or
all (`python -m autograder.pipeline --help`; the Makefile's instructor targets call it)."""
