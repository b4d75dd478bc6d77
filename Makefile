# leadsim: `make demo` runs the main example, `make test` runs the tests.
# Both install GSL first when it is missing.
SWIFT ?= swift
CONFIG ?= release
BIN = .build/$(CONFIG)/leadsim

.PHONY: deps build test demo backtest-demo reports check-reports check-html clean schemas man fuzz

deps:
	@bash scripts/ensure-gsl.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) test -c $(CONFIG)

# The main examples: territory baseline vs pooled and follow-the-sun, into Reports/saas-inbound;
# then the CRM workflow on a bundled history (fit, backtest, compare), into Reports/inbound-history.
demo: build
	VERBOSE=1 bash scripts/generate-reports.sh $(BIN) Reports saas-inbound inbound-history
	@echo "Open Reports/saas-inbound/report.html (or read Reports/saas-inbound/report.md);"
	@echo "the workflow: Reports/inbound-history/fit/fit.html, backtest/backtest.html, then report.html."

# The backtest workflow on a generated history: consistent with its own world, not with wrong ones.
backtest-demo: build
	bash scripts/backtest-demo.sh $(BIN) backtest-demo
	@echo "Open backtest-demo/true/backtest.html (or read backtest-demo/*/backtest.md)."

# Regenerates Reports/<folder> for every folder of Scenarios/ (deterministic).
reports: build
	bash scripts/generate-reports.sh $(BIN) Reports

# CI: the committed Reports/ match a fresh run; every report.html renders in headless Chromium.
check-reports: build
	bash scripts/check-reports.sh $(BIN)

check-html:
	bash scripts/check-html.sh

# Fuzz every reader (scripts/fuzz.sh): RUNS executions each, or until stopped without it.
fuzz:
	bash scripts/fuzz.sh all $(RUNS)

# Regenerate the committed JSON Schemas (a test checks they match the loader's table).
schemas:
	$(SWIFT) build
	.build/debug/leadsim schema scenario > Schemas/scenario.schema.json
	.build/debug/leadsim schema rules > Schemas/rules.schema.json
	.build/debug/leadsim schema shifts > Schemas/shifts.schema.json

# Regenerate docs/leadsim.1 with swift-argument-parser's manual generator (builds offline).
man:
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration debug \
		--date 2026-01-05 --authors "the leadsim authors"
	cp .build/plugins/GenerateManual/outputs/leadsim/leadsim.1 docs/leadsim.1

clean:
	rm -rf .build
