# Two commands on a fresh machine: `make demo` and `make test`. Both set everything up first
# (a virtual environment in .venv, the Solidity compiler in node_modules) and are cheap when
# everything is already in place.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
# Slither pins web3<8; dao-sim runs web3 8. Its analysis API runs fine beside web3 8, so it is
# installed without its dependencies; those it really imports are in pyproject.toml (README,
# "dao-sim check").
SLITHER := slither-analyzer==0.11.6
JS_STAMP := node_modules/.installed
# pip prints errors only (-qq): a machine's pip configuration can make it warn once per package
# (an extra index of local folders that lack the package gave 82 lines on a fresh machine),
# burying the demo's first screen; a failed install still prints pip's ERROR lines and stops make.
PIP_INSTALL := $(BIN)/python -m pip install -qq --disable-pip-version-check

.PHONY: setup browser demo test test-thorough bench gas lint clean

setup: $(PY_STAMP) $(JS_STAMP)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("dao-sim needs Python 3.11+") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e '.[browser]'
	$(PIP_INSTALL) --no-deps $(SLITHER)
	touch $@

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: setup
	$(BIN)/dao-sim demo

# The page tests drive Debian's chromium headless. As root with apt-get, `make test` installs it
# and requires the browser tests to run; elsewhere they are skipped, saying how to install it.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing chromium and chromedriver for the page tests (apt-get)..."; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "chromium is not installed: the page tests will be skipped (apt-get install chromium chromium-driver)"; fi

test: setup browser
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then export DAO_SIM_REQUIRE_BROWSER=1; fi; \
	$(BIN)/python -m pytest

test-thorough: setup browser
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest

lint: setup
	$(PIP_INSTALL) -e '.[lint]'
	$(BIN)/ruff check dao_sim tests benchmarks
	$(BIN)/mypy dao_sim

bench: setup
	$(BIN)/python benchmarks/vote_throughput.py

gas: setup
	$(BIN)/python benchmarks/gas_table.py

.PHONY: bench-engine
bench-engine: setup
	$(BIN)/python benchmarks/engine_speed.py

clean:
	rm -rf $(VENV) node_modules .dao-sim-cache
