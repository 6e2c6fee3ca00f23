# fiscal-sim — the README's two commands are `make run` and `make test`.
# Every target installs what it needs on a fresh Debian machine (run as root, as CI does).

SWIFT      ?= swift
APT_PKGS   := libopenblas-dev pkg-config
DEBUG_BIN  := .build/debug/fiscal-sim
RELEASE_BIN:= .build/release/fiscal-sim
CROSSCHECK_SEEDS ?= 60

.PHONY: run test pinned deps build build-release crosscheck bench notebooks clean

## deps: install missing system packages (OpenBLAS/LAPACK for the Monte Carlo engine).
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release --product fiscal-sim

## run: the main job — the shipped Siming scenario into out/siming-pilot/.
run: build-release
	$(RELEASE_BIN) run

## crosscheck: the engine against the independent Python reference on generated scenarios.
crosscheck: build
	python3 Tests/crosscheck/test_reference.py
	python3 Tests/crosscheck/crosscheck.py --binary $(DEBUG_BIN) --seeds $(CROSSCHECK_SEEDS)

## pinned: the approved headline numbers of the shipped scenarios (scenarios/pinned/*.yaml).
pinned: build
	$(DEBUG_BIN) test scenarios/pinned

## test: the whole suite; the output ends with swift test's summary line.
test: build crosscheck pinned
	$(SWIFT) test --disable-xctest

clean:
	rm -rf .build out
