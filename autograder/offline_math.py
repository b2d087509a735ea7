"""Formulas on a feedback page without the network: nbconvert's page loads MathJax from a CDN, and offline its
formulas stay as `$...$`. The course's environment holds MathJax 3 (the django-static-mathjax package: MathJax's
files, nothing of Django), and the feedback template (templates/course_feedback/mathjax.html.j2) puts MathJax's
one-file TeX-to-SVG build inside the page through this Jinja filter, which nbgrader_config.py registers. The page
then renders wherever it is opened: from the Assignment List, from an LMS, or from a folder."""
import importlib.resources

import markupsafe

COMPONENTS = importlib.resources.files("mathjax") / "static" / "mathjax" / "es5"


def mathjax_component(name):
    """The code of one of MathJax's combined components (such as "tex-svg-full.js", which needs no other file
    and no font), for a <script> element; it holds no "</script"."""
    return markupsafe.Markup((COMPONENTS / name).read_text(encoding="utf-8"))  # noqa: S704 (MathJax's own code)
