# Two commands do everything: `make lab` starts the course, `make test` runs the whole test suite.
# Both create the environment in .venv on first use (and again whenever pyproject.toml changes).
# The instructor's targets run nbgrader with the instructor's configuration, autograder/nbgrader_config.py;
# `make lab` and `make validate` use the students' one, autograder/student/.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PROXY := .configurable-http-proxy/node_modules/.bin/configurable-http-proxy
BIN := $(CURDIR)/$(VENV)/bin
ASSIGNMENT ?=

export JUPYTER_CONFIG_PATH := $(CURDIR)/autograder
export PATH := $(BIN):$(PATH)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: lab instructor validate test release collect autograde feedback export report enrol unenrol hub

# The student's JupyterLab on their working folder my-work/, brought up to date with course/ first.
lab: $(VENV)/installed
	python -m autograder.lab student

# The instructor's JupyterLab on the whole repository, with the formgrader and the Create Assignment toolbar.
instructor: $(VENV)/installed
	python -m autograder.lab instructor

# One line per failing test cell: make validate ASSIGNMENT=01_dot_products (the working copy in my-work/),
# or make validate NOTEBOOK=path/to.ipynb. Its last line is the verdict: a failing test is the verdict, not an
# error of make's (whose "Error 1" line would come after it), so make exits 0 then; scripts read the status of
# `python -m autograder.validate` (1 when a test fails). Nothing to validate (status 2) is make's error.
validate: $(VENV)/installed
	@python -m autograder.validate $(if $(NOTEBOOK),--notebook "$(NOTEBOOK)") $(ASSIGNMENT) || test $$? -eq 1

# The browser tests need Chromium: installed here when missing and the system allows it (root with apt-get).
test: $(VENV)/installed $(PROXY)
	autograder/install-system-packages
	python -m pytest

# Regenerate course/ from solutions/ (all assignments, or ASSIGNMENT=01_dot_products) and publish to the exchange.
release: $(VENV)/installed
	python -m autograder.release $(ASSIGNMENT)

# The instructor's grading steps, each for one assignment (ASSIGNMENT=01_dot_products) or every released one:
# thin wrappers over `python -m autograder.pipeline`, which a person can also call directly (--help).
# make collect [LMS=download.zip] [V=1], make autograde [STUDENT=id] [WORKERS=n] [SANDBOX=off],
# make enrol ROSTER=students.csv,
# make unenrol STUDENT=id [FORCE=1]
collect: $(VENV)/installed
	@python -m autograder.pipeline collect $(ASSIGNMENT) $(if $(LMS),--lms "$(LMS)") $(if $(V),--verbose)

autograde: $(VENV)/installed
	@python -m autograder.pipeline autograde $(ASSIGNMENT) $(if $(STUDENT),--student "$(STUDENT)") \
		$(if $(WORKERS),--workers $(WORKERS)) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

# HTML feedback without the hidden tests, released to the Assignment List of those who submitted through it:
# the pages whose grades or notebook changed since they were made, or every page with ALL=1.
feedback: $(VENV)/installed
	@python -m autograder.pipeline feedback $(ASSIGNMENT) $(if $(ALL),--all)

# Every student's state and score, as CSV in autograder/runtime/grades/ (a column per exercise per assignment);
# with LMS=canvas, moodle or blackboard, also the file that LMS's gradebook import reads.
export: $(VENV)/installed
	@python -m autograder.pipeline export $(ASSIGNMENT) $(if $(LMS),--lms $(LMS))

# An HTML page per assignment with plots, and one for the class, in autograder/runtime/report/.
report: $(VENV)/installed
	@python -m autograder.pipeline report $(ASSIGNMENT)

enrol: $(VENV)/installed
	@python -m autograder.pipeline enrol "$(ROSTER)"

unenrol: $(VENV)/installed
	@python -m autograder.pipeline unenrol "$(STUDENT)" $(if $(FORCE),--force)

# The course on a JupyterHub of this machine, on 127.0.0.1:8000: an instructor and three students, whose password
# it prints. Ctrl-C stops it, and every server with it.
hub: $(VENV)/installed $(PROXY)
	python -m autograder.hub.demo

# configurable-http-proxy, which JupyterHub puts in front of the users' servers, from npm into a git-ignored folder.
$(PROXY):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .configurable-http-proxy configurable-http-proxy@5; \
	else echo "configurable-http-proxy not installed: npm is missing; make hub and the hub test need it"; fi

$(VENV)/installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 or python3 on PATH)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@
