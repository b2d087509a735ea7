"""The instructor's grading pipeline: collect, autograde, feedback, export, report, enrol, for one assignment or
all (`python -m autograder.pipeline --help`; the Makefile's instructor targets call it)."""
import sys

# jsonschema, which nbformat imports, builds a parser of IRIs when rfc3987_syntax is installed: over a second of
# every command's start (more than a kernel's), for a string format that no notebook schema uses. Marked as not
# installed, it is skipped; the pipeline's workers import this package first too.
sys.modules.setdefault("rfc3987_syntax", None)
