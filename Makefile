# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

.PHONY: venv run test test-quick test-schema test-browser test-chaos lint messages
venv: $(BIN)/.installed

run: venv  ## the board on the embedded default: SQLite, no broker, e-mail in var/outbox
	EMBEDDED=1 $(BIN)/python manage.py migrate --noinput
	EMBEDDED=1 SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py load_demo
	@echo
	@echo "  Reunify is running at http://$(HOST):$(PORT)/"
	@echo "  E-mails the board sends are written to var/outbox/"
	@echo
	EMBEDDED=1 DEBUG=1 SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The suite runs on PostgreSQL, as production does; the embedded (SQLite) mode has its own tests.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
TEST_ENV = DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=$(TEST_REDIS_URL)

test: test-quick test-schema test-browser test-chaos  ## the whole suite, as CI runs it

test-quick: venv  ## checks, lint and the default suite (integration tests included): ~3 min
	EMBEDDED=1 $(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(TEST_ENV) $(BIN)/python -m pytest

# Schemathesis on PostgreSQL: every check, positive and negative data, 50 examples per operation.
test-schema: venv
	$(TEST_ENV) $(BIN)/python -m pytest -m slow tests/api/test_schema.py -p no:cacheprovider

# End-to-end in headless Chromium (Debian's package; Playwright drives it, never downloads one).
test-browser: venv
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	$(TEST_ENV) $(BIN)/python -m pytest -m browser -p no:cacheprovider
	@echo "Screenshots and the I'm-safe fill times: $(CURDIR)/var/screenshots/"

# Alert delivery under faults: starts its own Redis, Celery worker and beat, SMTP server (~3 min).
test-chaos: venv
	$(TEST_ENV) $(BIN)/python -m pytest -m chaos -s -p no:cacheprovider

lint: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: venv  ## refresh the .po files after changing user-facing strings, then compile
	EMBEDDED=1 $(BIN)/python manage.py makemessages -l fr -l ar -e html,txt,py,subject --no-obsolete \
		--ignore '.venv/*' --ignore 'bench/*' --ignore 'tests/*' --ignore 'var/*'
	EMBEDDED=1 $(BIN)/python manage.py compilemessages --ignore '.venv/*'
