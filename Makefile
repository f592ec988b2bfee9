# Customer Access Center. `make dev` serves the product locally; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install dev test unit lint format typecheck template-lint screenshots clean

$(STAMP): requirements-dev.txt layers/shared/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(STAMP)

dev: $(STAMP)  ## serve the whole product on http://127.0.0.1:$${PORT:-3000}
	$(BIN)/python -m devtools.server

test: lint unit  ## every check CI runs

unit: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP) typecheck template-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

template-lint: $(STAMP)
	$(BIN)/cfn-lint infra/template.yaml

screenshots: $(STAMP)  ## refresh docs/screenshots/ from the browser tests
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/test_browser.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .aws-sam
