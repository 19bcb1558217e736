# The nbgrader course: instructor workflow as make targets (included by the root Makefile).
# Every target runs exercises/tools/course.py, which calls the venv's own `nbgrader`.
#   make release                 due dates from exercises/schedule.toml, generate, check, release
#   make collect                 collect submissions from the exchange into exercises/submitted/
#   make import A=<assignment> FROM=<folder or zip>   import <student_id>/<notebook>.ipynb files
#   make autograde [FORCE=1]     autograde every submission, one line per student as it goes
#   make feedback                generate feedback (hidden tests removed) and release it
#   make roster [FROM=<csv>]     exercises/students.csv (id,first_name,last_name,email) -> gradebook
#   make student-config DIR=<folder>  a student's nbgrader_config.py (the course's exchange)
#   make grades                  grades.csv, grades-canvas.csv, grades-moodle.csv in exercises/
#   make exercises-clean         delete release/, submitted/, autograded/, feedback/ and the gradebook
# A=<assignment> limits release, collect, autograde and feedback to one assignment.

EXERCISES := $(CURDIR)/exercises
COURSE_TOOL := $(BIN)/python $(EXERCISES)/tools/course.py --course-dir $(EXERCISES)

.PHONY: roster student-config release collect import autograde feedback grades exercises-clean exercises-test

release: $(STAMP)
	$(COURSE_TOOL) release $(A)

collect: $(STAMP)
	$(COURSE_TOOL) collect $(A)

import: $(STAMP)
	@if [ -z "$(A)" ] || [ -z "$(FROM)" ]; then \
	  echo "usage: make import A=<assignment> FROM=<folder or .zip of <student_id>/<notebook>.ipynb>"; \
	  exit 2; fi
	$(COURSE_TOOL) import $(A) $(abspath $(FROM))

autograde: $(STAMP)
	$(COURSE_TOOL) autograde $(A) $(if $(FORCE),--force,)

feedback: $(STAMP)
	$(COURSE_TOOL) feedback $(A)

grades: $(STAMP)
	$(COURSE_TOOL) export --to $(EXERCISES)/grades.csv

student-config: $(STAMP)
	@if [ -z "$(DIR)" ]; then echo "usage: make student-config DIR=<a student's folder>"; exit 2; fi
	$(COURSE_TOOL) student-config $(abspath $(DIR))

roster: $(STAMP)
	$(COURSE_TOOL) roster $(if $(FROM),$(abspath $(FROM)),$(EXERCISES)/students.csv)

## The nbgrader course's own tests (real nbgrader in temporary copies of the course; minutes).
exercises-test: $(STAMP)
	$(BIN)/python -m pytest tests/exercises -q

exercises-clean:
	rm -rf $(EXERCISES)/release $(EXERCISES)/submitted $(EXERCISES)/autograded \
	  $(EXERCISES)/feedback $(EXERCISES)/downloaded $(EXERCISES)/exchange \
	  $(EXERCISES)/gradebook.db $(EXERCISES)/grades.csv $(EXERCISES)/grades-canvas.csv \
	  $(EXERCISES)/grades-moodle.csv $(EXERCISES)/.nbgrader.log
