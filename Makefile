# ECCAR Online City Reporting — the two commands a new user needs:
#   make run    set up, load demo data, serve on http://127.0.0.1:8000 as users see it
#   make test   set up (with test tools and Debian's chromium), run the whole suite
# and for developers: make dev   the same demo with DEBUG on (tracebacks, auto-reload)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Run as root on a fresh Debian machine; use sudo when available otherwise.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# WeasyPrint's libraries, fonts for every European script, gettext for the catalogues.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext
# Chromium for the browser journeys, poppler to look at PDFs as pictures.
TEST_SYSTEM_PACKAGES := chromium poppler-utils

.PHONY: run dev collectstatic test setup setup-dev system-deps system-deps-test migrate messages bench load lint format clean help

help:
	@echo "make run   - set up, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make dev   - the same with DEBUG on, for debugging"
	@echo "make test  - set up with test tools and run the whole suite"
	@echo "make lint  - ruff check and format check"

# Installs only what is missing, so a second run does not touch apt at all.
define apt_install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

system-deps:
	$(call apt_install_missing,$(SYSTEM_PACKAGES))

system-deps-test: system-deps
	$(call apt_install_missing,$(TEST_SYSTEM_PACKAGES))

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "Installing python3-venv"; rm -rf $(VENV); \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv && \
	  $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install -q --upgrade pip

# The stamp files make a second `make` skip pip unless the lock file changed.
$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements/dev.txt
	@touch $@ $(VENV)/.base-installed

setup: system-deps $(VENV)/.base-installed messages

setup-dev: system-deps-test $(VENV)/.dev-installed messages

messages: | $(BIN)/python
	@$(BIN)/python manage.py compilemessages --ignore=.venv -v0

migrate:
	$(BIN)/python manage.py migrate --noinput

# The demo as users see it: DEBUG off, so a refused or unknown page is the app's own
# error page, never Django's technical page with every URL; static files collected and
# served by whitenoise; plain HTTP on this machine (no secure-only cookies, no HSTS);
# a secret key made once for this checkout and kept out of git in var/; a demo chair of
# the Advisory Board signs the demo's letters (sending refuses without one), unless
# BOARD_CHAIR_NAME is set.
DEMO_CHAIR = $(or $(BOARD_CHAIR_NAME),Prof. Dr. Anna Rossi (demo))
RUN_ENV = DJANGO_DEBUG=false DJANGO_HTTPS=false DJANGO_SECRET_KEY="$$(cat var/secret-key)" \
	BOARD_CHAIR_NAME="$(DEMO_CHAIR)"

var/secret-key: | $(BIN)/python
	@mkdir -p var
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

collectstatic: var/secret-key
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput -v0

run: setup migrate collectstatic
	$(BIN)/python manage.py seed_demo --if-empty
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop; make dev for DEBUG on)"
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# For debugging: DEBUG on (Django's technical error pages, static files from the
# source folders, auto-reload).
dev: setup migrate
	$(BIN)/python manage.py seed_demo --if-empty
	@echo "Serving with DEBUG on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	DJANGO_DEBUG=true BOARD_CHAIR_NAME="$(DEMO_CHAIR)" $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The browser journeys write their screenshots to artifacts/screenshots (CI keeps it).
test: setup-dev
	@mkdir -p artifacts/screenshots
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: | $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: | $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Pages' median, p95 and queries at two sizes with the cache off, against the budgets in
# the README; DATABASE_URL should point at PostgreSQL (a throw-away <name>_run is used).
bench: setup-dev
	LOG_LEVEL=WARNING SECURITY_LOG_LEVEL=WARNING $(BIN)/python -m bench

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# A deadline-day mix (locust) on gunicorn with PostgreSQL: p95, errors, lost saves;
# DATABASE_URL must point at PostgreSQL. LOAD_ARGS=--short is the CI form.
load: setup-dev
	$(BIN)/python -m bench.load $(LOAD_ARGS)
