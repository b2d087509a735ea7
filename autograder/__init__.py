"""The instructor's side of the course: nbgrader configuration, release and grading tools, and their tests."""
