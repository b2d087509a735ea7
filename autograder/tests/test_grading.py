"""Through real nbgrader runs: solutions earn full marks, stubs earn nothing, and each wrong answer loses exactly
the points of the test cells it should fail, with a message that names its mistake."""
import re

import nbformat
import pytest

from autograder.course import SOURCE
from autograder.notebooks import (HIDDEN_TESTS_BLOCK, autograded_cells, exercises, grade_id, hidden_test_names, is_answer,
                                  is_test)
from autograder.tests import submissions
from autograder.tests.conftest import ASSIGNMENTS
from nncourse.checks import wrapped
from nncourse.mistakes import Mistake

DIAGNOSIS_WITHIN = 3  # lines of a failure's message, as a notebook shows it, within which its diagnosis begins


def _cases(kind):
    for assignment in ASSIGNMENTS:
        wrong, alternative = submissions.load(assignment)
        for index, entry in enumerate(wrong if kind == "wrong" else alternative):
            label = f"{assignment}:{entry.exercise}" + (f":{'+'.join(entry.mistake)}" if kind == "wrong" else "")
            yield pytest.param(assignment, index, entry, id=label)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_earns_full_marks(graded, assignment):
    run = graded(assignment)
    scores = run.scores("solution")
    assert scores, "the solution has no graded cells"
    short = {cell: score for cell, score in scores.items() if score[0] != score[1]}
    messages = run.messages("solution")
    assert not short, "\n".join(f"{cell} scored {got}/{of}:\n{messages.get(cell)}" for cell, (got, of) in short.items())


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_test_cells_say_they_passed_in_one_line_and_leave_no_value(graded, assignment):
    """stderr output scores a cell 0 and a number left as its value is read as partial credit; a passing test
    cell says so in one short line on stdout."""
    run = graded(assignment)
    messages = run.messages("solution")
    for cell in exercises(run.source).values():
        for test in cell:
            assert re.fullmatch(r"\[stdout\] ✓ passed \(\d+ checks?\)\n", messages[test]), (
                f"{test} wrote: {messages[test]!r}")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_test_cells_leave_no_value(graded, assignment):
    """A released hidden-test cell keeps only its first comment line: it must not show an Out[..] value, which
    nbgrader would try to read as partial credit."""
    messages = graded(assignment).messages("stub")
    valued = {cell: text for cell, text in messages.items() if "[execute_result]" in text}
    assert not valued, f"test cells of the stub that leave a value: {valued}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_raises_in_no_cell_when_graded(graded, assignment):
    """Grading skips the cells tagged `demo`: no other cell may need what they define."""
    cells = graded(assignment).autograded("solution").cells
    failed = {index: next(o.ename for o in cell.outputs if o.output_type == "error")
              for index, cell in enumerate(cells) if cell.cell_type == "code"
              and any(o.output_type == "error" for o in cell.outputs)}
    assert not failed, f"cells (by index) that raised when the solution was graded: {failed}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_stub_earns_zero_on_every_graded_cell(graded, assignment):
    scores = graded(assignment).scores("stub")
    passing = [cell for cell, (got, _) in scores.items() if got != 0]
    assert not passing, f"these cells give points to an empty answer: {passing}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_has_three_wrong_answers(assignment):
    wrong, _ = submissions.load(assignment)
    source = nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", as_version=4)
    counts = {exercise: 0 for exercise in exercises(source)}
    for entry in wrong:
        counts[entry.exercise] += 1
    few = {exercise: n for exercise, n in counts.items() if n < 3}
    assert not few, (f"exercises with fewer than three wrong answers in "
                     f"autograder/tests/submissions/{assignment}.py: {few}")


@pytest.mark.parametrize("assignment, index, wrong", list(_cases("wrong")))
def test_wrong_answer_loses_exactly_its_points(graded, assignment, index, wrong):
    run = graded(assignment)
    student = run.student("wrong", index)
    scores, messages = run.scores(student), run.messages(student)
    tests_of_exercise = exercises(run.source)[wrong.exercise]
    expected_failures = set(wrong.fails or tests_of_exercise)
    assert expected_failures <= set(tests_of_exercise), "`fails` names cells of another exercise"

    # The submission carries other exercises' wrong answers too: this one is judged by its exercise's cells.
    failed = {cell for cell, (got, of) in scores.items() if got != of and cell in tests_of_exercise}
    partly = {cell for cell in failed if scores[cell][0] != 0}
    assert failed == expected_failures, (
        f"expected to fail {sorted(expected_failures)}, failed {sorted(failed)}\n"
        + "\n".join(f"{cell}: {messages[cell]}" for cell in sorted(failed ^ expected_failures)))
    assert not partly, f"cells that gave partial credit: {partly}"

    # The diagnosis names the mistake; the advice after it may be the exercise's own.
    diagnoses = [Mistake[name].diagnosis for name in wrong.mistake]
    unnamed = {cell: messages[cell] for cell in failed if not any(d in messages[cell] for d in diagnoses)}
    assert not unnamed, f"these failures name none of {wrong.mistake}:\n" + "\n".join(
        f"{cell}: {text}" for cell, text in unnamed.items())
    never = [name for name, d in zip(wrong.mistake, diagnoses) if not any(d in messages[c] for c in failed)]
    assert not never, f"no failure names {never}"
    late = {cell: messages[cell] for cell in failed if _diagnosis_line(messages[cell], diagnoses) >= DIAGNOSIS_WITHIN}
    assert not late, f"the diagnosis comes after the first {DIAGNOSIS_WITHIN} lines of the message:\n" + "\n".join(
        "\n".join(wrapped(text)) for text in late.values())

    # Validate runs only the visible tests: its "success" must not hide a trap the text names.
    visible = {grade_id(cell) for cell in autograded_cells(run.source) if not HIDDEN_TESTS_BLOCK.search(cell.source)}
    assert wrong.hidden_only or failed & visible, "only hidden tests catch it: a visible test should, or mark it hidden_only"


def _diagnosis_line(message, diagnoses):
    """The line (from 0) of the message, wrapped as a notebook shows it, on which the first diagnosis it names
    begins: the last line of the text up to that diagnosis's first word (wrapping is greedy)."""
    named = [(message.find(d), d) for d in diagnoses if d in message]
    if not named:
        return 0
    offset, diagnosis = min(named)
    return len(wrapped(message[:offset] + diagnosis.split()[0])) - 1


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_failure_names_or_quotes_what_the_hidden_tests_define(graded, assignment):
    """A reference implementation, or a function the hidden tests pass in, stays hidden when a student's answer
    fails on it, raises inside it or is shown the call: no traceback names it or quotes its lines."""
    run = graded(assignment)
    names = hidden_test_names(run.source)
    text = "\n".join(c.source for c in run.source.cells)
    elsewhere = HIDDEN_TESTS_BLOCK.sub("", text)
    hidden_lines = {line.strip() for block in HIDDEN_TESTS_BLOCK.findall(text) for line in block.splitlines()
                    if len(line.strip()) > 20 and line.strip() not in elsewhere}
    for student in run.students:
        for cell, text in run.messages(student).items():
            named = [name for name in names if re.search(rf"\b{name}\b", text)]
            quoted = [line for line in hidden_lines if line in text]
            assert not named and not quoted, f"{student}, {cell} shows {named or quoted[:2]}:\n{text}"


@pytest.mark.parametrize("assignment, index, wrong", list(_cases("wrong")))
def test_cells_before_an_exercises_tests_never_crash_on_a_wrong_answer(graded, assignment, index, wrong):
    """A demo between an answer cell and its tests that breaks on a wrong answer stops Run All before the
    test that would name the mistake."""
    run = graded(assignment)
    assert wrong.exercise not in _crashes_before_tests(run, run.student("wrong", index))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_cells_before_an_exercises_tests_never_crash_on_a_stub(graded, assignment):
    assert not _crashes_before_tests(graded(assignment), "stub")


def _crashes_before_tests(run, student):
    """{exercise: the ungraded code cells that raised between its answer cell and its last test cell}."""
    crashed, tests_left, exercise = {}, 0, None
    tests_of = exercises(run.source)
    for cell in run.autograded(student).cells:
        if is_answer(cell):
            exercise = grade_id(cell)
            tests_left = len(tests_of[exercise])
        elif is_test(cell):
            tests_left -= 1
        elif cell.cell_type == "code" and tests_left and any(o.output_type == "error" for o in cell.outputs):
            crashed.setdefault(exercise, []).append(cell.get("id"))
    return crashed


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_bundle_of_answers_fails_only_the_exercises_it_answers_wrongly(graded, assignment):
    """Each wrong answer is graded in a bundle with other exercises' wrong answers: none of them may cost an
    exercise the bundle answers correctly (a later exercise that breaks because an earlier answer is wrong
    would make one mistake cost twice)."""
    run = graded(assignment)
    tests_of = exercises(run.source)
    for kind, bundles_ in run.bundles.items():
        for r, bundle in enumerate(bundles_):
            student = run.bundle_student(kind, r)
            wrongly = set(bundle) if kind == "wrong" else set()
            failed = {cell for cell, (got, of) in run.scores(student).items() if got != of}
            elsewhere = failed - {cell for exercise in wrongly for cell in tests_of[exercise]}
            assert not elsewhere, f"{student} ({', '.join(sorted(bundle))}) also failed {sorted(elsewhere)}"


@pytest.mark.parametrize("assignment, index, alternative", list(_cases("alternative")))
def test_alternative_answer_earns_full_marks(graded, assignment, index, alternative):
    run = graded(assignment)
    student = run.student("alternative", index)
    scores, messages = run.scores(student), run.messages(student)
    short = {cell: messages[cell] for cell, (got, of) in scores.items() if got != of}  # alternatives only: all pass
    assert not short, "\n".join(f"{cell}: {text}" for cell, text in short.items())
