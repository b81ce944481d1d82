# The two set-up commands of the README. Both are idempotent and create .venv at the repo root.
.PHONY: demo test venv kb bench clean

VENV := .venv
BIN := $(VENV)/bin

demo: venv
	$(BIN)/psychopy-lsp model prepare
	$(BIN)/psychopy-lsp kb build
	$(BIN)/psychopy-lsp demo

test: venv
	$(BIN)/python -m pytest -q -ra

venv:
	bash scripts/system-deps.sh
	bash scripts/bootstrap.sh

kb: venv
	$(BIN)/psychopy-lsp kb build --force

bench: venv
	$(BIN)/python benchmarks/kb.py
	$(BIN)/python benchmarks/static.py

clean:
	rm -rf $(VENV) build *.egg-info
