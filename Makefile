# Two entry points on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
MODEL ?= tagging-lstm

.PHONY: run test venv node-deps test-deps lint bench golden train clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

venv: $(BIN)/python node-deps
	$(BIN)/pip install -q -e .

# KaTeX and Swagger UI, served by the app from node_modules/ (pinned in package-lock.json).
# Re-installed only when node_modules is missing or older than package.json / the lock file.
node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20+ (KaTeX, Swagger UI)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# Starts the app on a bundled model at http://127.0.0.1:8000
run: venv
	$(BIN)/unrolled serve --model $(MODEL)

# System packages the browser tests need: Debian's Chromium and a CJK font.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=zh | grep -q .; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

test-deps: venv system-deps
	$(BIN)/pip install -q -e '.[test]'

lint: test-deps
	$(BIN)/ruff check engine app tests bench scripts
	$(BIN)/mypy

# Installs everything the tests need, then runs the whole suite.
# Two processes (pytest-xdist), each with its own server and Chromium, a test file each.
test: test-deps lint
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: test-deps
	$(BIN)/python bench/engine.py

# Rebuilds every bundled model from its recipe: real HSK sentences (the train extra) and
# the generated grammar, two models at a time (one core each).
train: venv
	$(BIN)/pip install -q -e '.[train]'
	$(BIN)/unrolled train all --jobs 2
	$(BIN)/python scripts/model_table.py

golden: test-deps
	$(BIN)/python scripts/make_golden.py

clean:
	rm -rf $(VENV) build *.egg-info
