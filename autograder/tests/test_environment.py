"""The environment is declared once for pip (pyproject.toml) and once for conda (environment.yml): the same list."""
import tomllib

import yaml

from autograder.course import REPO


def test_conda_environment_lists_the_packaging_dependencies():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = set(project["dependencies"]) | set(project["optional-dependencies"]["test"])
    conda = yaml.safe_load((REPO / "environment.yml").read_text())
    pip = next(entry["pip"] for entry in conda["dependencies"] if isinstance(entry, dict))
    assert set(pip) - {"-e ."} == declared
    assert "-e ." in pip
    assert "python=3.11" in conda["dependencies"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / "README.md").read_text()
    assert (REPO / ".ci" / "run").read_text().strip().splitlines()[-1] == "make test"
