# The two entry points of the README. Both create .venv and install on first use.
#   make demo   run the main job on the bundled demo corpus (ingest, classify, summary)
#   make test   run the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   := output/demo.ilens

.PHONY: demo test install clean-demo

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "interviewlens needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[test]'
	@touch $@

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p output
	$(BIN)/interviewlens ingest $(DEMO) corpora/demo --manifest corpora/demo/manifest.yaml
	$(BIN)/interviewlens classify $(DEMO)
	$(BIN)/interviewlens info $(DEMO)
	@echo "Project: $(DEMO)  (explore it in Python: interviewlens.open_project('$(DEMO)'))"

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean-demo:
	rm -f $(DEMO) $(DEMO)-wal $(DEMO)-shm
