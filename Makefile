# leadsim: `make demo` runs the main example, `make test` runs the tests.
# Both install GSL first when it is missing.
SWIFT ?= swift
CONFIG ?= release
BIN = .build/$(CONFIG)/leadsim

.PHONY: deps build test demo clean schemas man

deps:
	@bash scripts/ensure-gsl.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) test -c $(CONFIG)

demo: build
	$(BIN) validate Scenarios/saas-inbound/scenario.yaml

# Regenerate the committed JSON Schemas (a test checks they match the loader's table).
schemas:
	$(SWIFT) build
	.build/debug/leadsim schema scenario > Schemas/scenario.schema.json
	.build/debug/leadsim schema rules > Schemas/rules.schema.json

# Regenerate docs/leadsim.1 with swift-argument-parser's manual generator (builds offline).
man:
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration debug \
		--date 2026-01-05 --authors "the leadsim authors"
	cp .build/plugins/GenerateManual/outputs/leadsim/leadsim.1 docs/leadsim.1

clean:
	rm -rf .build
