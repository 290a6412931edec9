# The two entry points of the README. Both create .venv and install on first use.
#   make demo   the main job on the bundled demo corpus: ingest, analyse, classify, export
#               the report and the spreadsheet (re-running keeps any review work)
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
	$(BIN)/interviewlens analyse $(DEMO)
	$(BIN)/interviewlens classify $(DEMO)
	$(BIN)/interviewlens export $(DEMO) --format docx -o output/rapport-demo.docx
	$(BIN)/interviewlens export $(DEMO) --format html -o output/rapport-demo.html
	$(BIN)/interviewlens export $(DEMO) --format xlsx -o output/demo.xlsx
	$(BIN)/interviewlens info $(DEMO)
	@echo
	@echo "Results:  output/rapport-demo.docx  output/rapport-demo.html  output/demo.xlsx"
	@echo "Review and validate the codes in the terminal:"
	@echo "  $(BIN)/interviewlens review $(DEMO) --coder YOUR_NAME"

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean-demo:
	rm -f $(DEMO) $(DEMO)-wal $(DEMO)-shm
