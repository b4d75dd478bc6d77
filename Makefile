# leadsim: `make demo` runs the main example, `make test` runs the tests.
# Both install GSL first when it is missing.
SWIFT ?= swift
CONFIG ?= release
BIN = .build/$(CONFIG)/leadsim

.PHONY: deps build test demo clean

deps:
	@bash scripts/ensure-gsl.sh

build: deps
	$(SWIFT) build -c $(CONFIG)

test: deps
	$(SWIFT) test -c $(CONFIG)

demo: build
	$(BIN) validate Scenarios/saas-inbound/scenario.yaml

clean:
	rm -rf .build
