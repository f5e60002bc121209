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

.PHONY: setup demo test test-thorough bench gas lint clean

setup: $(PY_STAMP) $(JS_STAMP)

$(PY_STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("dao-sim needs Python 3.11+") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e .
	$(PIP_INSTALL) --no-deps $(SLITHER)
	touch $@

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: setup
	$(BIN)/dao-sim demo

test: setup
	$(BIN)/python -m pytest

test-thorough: setup
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest

lint: setup
	$(PIP_INSTALL) -e '.[lint]'
	$(BIN)/ruff check dao_sim tests benchmarks
	$(BIN)/mypy dao_sim

bench: setup
	$(BIN)/python benchmarks/vote_throughput.py

gas: setup
	$(BIN)/python benchmarks/gas_table.py

clean:
	rm -rf $(VENV) node_modules .dao-sim-cache
