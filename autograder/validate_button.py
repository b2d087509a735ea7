"""The Validate button of the students' JupyterLab, showing what `make validate` shows.

nbgrader's button posts the notebook's path to its server extension and shows, for each failing test cell, the
cell's whole source and then the traceback: at 1280x800 the error's sentence is below the fold. This server
extension takes the place of nbgrader's (autograder/student/jupyter_server_config.json turns that one off) and
answers in the same form, so nbgrader's own dialog shows it: for each failing cell, the exercise and what the test
checks, then the error's whole sentence, and no test code. It validates as `make validate` does (validate.py),
skipping demonstrations.
"""
import html
import json
import traceback
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from nbgrader.server_extensions.validate_assignment.handlers import NbGraderVersionHandler
from tornado import web

from .validate import student_config, validate


class ValidateHandler(JupyterHandler):

    @web.authenticated
    def post(self):
        path = self.get_argument("path", None) or self.get_json_body()["path"]
        root = Path(self.settings["root_dir"]).resolve()
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            raise web.HTTPError(403, "Access denied: path outside allowed directory")
        try:
            answer = {"success": True, "value": as_nbgrader_results(validate(target, student_config()))}
        except Exception:
            self.log.error(traceback.format_exc())
            answer = {"success": False, "value": traceback.format_exc()}
        self.finish(json.dumps(answer))


def as_nbgrader_results(outcome):
    """An Outcome in the form of nbgrader's Validator results, which its dialog shows: a failure's "source" as
    text (the exercise and what the test checks), its "error" as HTML (the sentence; the last one then says
    what was skipped and gives the verdict). Changed read-only cells come as failures too, saying so: nbgrader's
    "changed" form would show each cell's whole source."""
    if outcome.passed:
        return {}
    failed = [{"source": where, "error": html.escape(what)} for where, what in outcome.problems]
    closing = [outcome.skipped_line(), outcome.verdict]
    failed[-1]["error"] += "".join(f"\n\n{html.escape(line)}" for line in closing if line)
    for failure in failed:  # the dialog shows it in a <pre>, which would not wrap a sentence
        failure["error"] = f'<div style="{WRAPPED}">{failure["error"]}</div>'
    return {"failed": failed}


WRAPPED = "white-space: pre-wrap; overflow-wrap: anywhere"


def _load_jupyter_server_extension(server):
    web_app = server.web_app
    web_app.settings["root_dir"] = server.root_dir
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [
        (url_path_join(base_url, "/assignments/validate"), ValidateHandler),
        (url_path_join(base_url, "/nbgrader_version"), NbGraderVersionHandler),
    ])


def _jupyter_server_extension_points():
    return [{"module": "autograder.validate_button"}]
