"""`make release [ASSIGNMENT=id]`: regenerate course/ from solutions/ and publish to the exchange.

All requested assignments are generated into a staging folder first; course/ is replaced only when every one
of them succeeded, so an unknown id or a broken source notebook leaves course/ exactly as it was. Generation
is deterministic, so releasing twice in a row changes nothing. A release of every assignment also removes the
folders of course/ whose source is gone.
"""
import re
import shutil
import sys
import tempfile

from .course import RELEASE, REPO, RUNTIME, assignment_ids, run_nbgrader

_EXCEPTION_LINE = re.compile(r"^\s*(?:[\w.]+\.)?\w*(?:Error|Exception): (?P<message>.+)$", re.MULTILINE)


def main(requested):
    known = assignment_ids()
    unknown = [a for a in requested if a not in known]
    if unknown:
        return fail(f"unknown assignment {', '.join(unknown)}. The assignments are: {', '.join(known)}.",
                    status=2)
    chosen = requested or known

    with tempfile.TemporaryDirectory(prefix="release-") as staging:
        for assignment in chosen:
            result = run_nbgrader("generate_assignment", assignment, "--force",
                                  f"--CourseDirectory.release_directory={staging}")
            if result.returncode != 0:
                return fail(f"solutions/{assignment} could not be generated: {reason(result.stdout)}\n"
                            f"course/ is unchanged. nbgrader's full output: {save_log(result.stdout)}")
        stale = [] if requested else [p for p in RELEASE.iterdir() if p.is_dir() and p.name not in known]
        for folder in [*stale, *(RELEASE / assignment for assignment in chosen)]:
            shutil.rmtree(folder, ignore_errors=True)
        for assignment in chosen:
            shutil.copytree(f"{staging}/{assignment}", RELEASE / assignment)
    print(f"course/ regenerated: {', '.join(chosen)}")
    if stale:
        print(f"removed from course/, no longer in solutions/: {', '.join(p.name for p in stale)}")

    for assignment in chosen:
        result = run_nbgrader("release_assignment", assignment, "--force")
        if result.returncode != 0:
            return fail(f"{assignment} is in course/ but could not be published to the exchange: "
                        f"{reason(result.stdout)}\nnbgrader's full output: {save_log(result.stdout)}")
    print(f"published to the exchange: {', '.join(chosen)}")
    return 0


def reason(log):
    """The exceptions' own words from an nbgrader log, without the tracebacks around them."""
    found = []
    for match in _EXCEPTION_LINE.finditer(log):
        if match["message"] not in found:
            found.append(match["message"])
    return "; ".join(found) or "see nbgrader's output"


def save_log(text):
    RUNTIME.mkdir(exist_ok=True)
    (RUNTIME / "release.log").write_text(text)
    return (RUNTIME / "release.log").relative_to(REPO)


def fail(message, status=1):
    print(f"make release: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
