# leadsim: `make demo` runs the main example, `make test` runs the tests.
# Both install GSL first when it is missing.
SWIFT ?= swift
CONFIG ?= release
BIN = .build/$(CONFIG)/leadsim

.PHONY: deps build test demo reports check-reports check-html clean

deps:
	@bash scripts/ensure-gsl.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) test -c $(CONFIG)

# The main example: territory baseline vs pooled and follow-the-sun, into Reports/saas-inbound.
demo: build
	VERBOSE=1 bash scripts/generate-reports.sh $(BIN) Reports saas-inbound
	@echo "Open Reports/saas-inbound/report.html (or read Reports/saas-inbound/report.md)."

# Regenerates Reports/<folder> for every folder of Scenarios/ (deterministic).
reports: build
	bash scripts/generate-reports.sh $(BIN) Reports

# CI: the committed Reports/ match a fresh run; every report.html renders in headless Chromium.
check-reports: build
	bash scripts/check-reports.sh $(BIN)

check-html:
	bash scripts/check-html.sh

clean:
	rm -rf .build
