"""`make release [ASSIGNMENT=id]`: regenerate course/ from solutions/ and publish to the exchange.

All requested assignments are generated into a staging folder first; course/ is replaced only when every one
of them succeeded, so an unknown id or a broken source notebook leaves course/ exactly as it was. Generation
is deterministic, so releasing twice in a row changes nothing.
"""
import shutil
import sys
import tempfile

from .course import RELEASE, assignment_ids, run_nbgrader


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
                return fail(f"solutions/{assignment} could not be generated; course/ is unchanged.\n"
                            f"nbgrader said:\n{result.stdout.strip()}")
        for assignment in chosen:
            shutil.rmtree(RELEASE / assignment, ignore_errors=True)
            shutil.copytree(f"{staging}/{assignment}", RELEASE / assignment)
    print(f"course/ regenerated: {', '.join(chosen)}")

    for assignment in chosen:
        result = run_nbgrader("release_assignment", assignment, "--force")
        if result.returncode != 0:
            return fail(f"{assignment} is in course/ but could not be published to the exchange.\n"
                        f"nbgrader said:\n{result.stdout.strip()}")
    print(f"published to the exchange: {', '.join(chosen)}")
    return 0


def fail(message, status=1):
    print(f"make release: {message}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
