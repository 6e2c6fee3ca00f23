# fiscal-sim — the README's two commands are `make run` and `make test`.
# Every target installs what it needs on a fresh Debian machine (run as root, as CI does).

SWIFT      ?= swift
APT_PKGS   := libopenblas-dev libxlsxwriter-dev libssl-dev zlib1g-dev pkg-config time libjs-chart.js unzip
# The what-if page's browser test and benchmark (serve-check, bench): Chromium and its driver,
# CJK fonts for the screenshot, wrk.
SERVE_APT_PKGS := chromium chromium-driver fonts-noto-cjk wrk
SERVE_BIN  := .build/release/fiscal-sim-serve
# The printed workbook's page count (workbook-check): LibreOffice Calc, pdfinfo, CJK fonts.
WORKBOOK_APT_PKGS := libreoffice-calc poppler-utils fonts-noto-cjk
DEBUG_BIN  := .build/debug/fiscal-sim
RELEASE_BIN:= .build/release/fiscal-sim
CROSSCHECK_SEEDS ?= 60

.PHONY: run test docs-check pinned deps py-deps workbook-deps serve serve-deps serve-py-deps serve-check build build-tests build-release crosscheck mc-check calibration-check slurm-check safety-check bench formatter-property notebooks workbook-check clean fuzz fuzz-build fuzz-quick venv swift-test test-parts test-deps test-build test-venv test-notebook-runs

# What each check needs first. Run alone, a check builds and sets up what it needs; inside
# `make test` (PREPARED=1) the one debug build, the Python environments and the notebook runs
# were made once before the checks start, so the checks never build or install side by side.
ifeq ($(PREPARED),1)
BUILD         :=
BUILD_TESTS   :=
PY_DEPS       :=
VENV          :=
NOTEBOOK_RUNS :=
SERVE_DEPS    :=
WORKBOOK_DEPS :=
else
BUILD         := build
BUILD_TESTS   := build-tests
PY_DEPS       := py-deps
VENV          := venv
NOTEBOOK_RUNS := notebook-runs
SERVE_DEPS    := serve-deps
WORKBOOK_DEPS := workbook-deps
endif

## deps: install missing system packages (OpenBLAS/LAPACK for the Monte Carlo engine).
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

## serve-deps: the system packages of the what-if page's checks and benchmark.
serve-deps:
	@$(MAKE) --no-print-directory deps APT_PKGS="$(APT_PKGS) $(SERVE_APT_PKGS)"

## workbook-deps: the system packages of workbook-check's printed page count.
workbook-deps:
	@$(MAKE) --no-print-directory deps APT_PKGS="$(APT_PKGS) $(WORKBOOK_APT_PKGS)"

## serve: the what-if page (model.md §21) on the shipped scenario: builds fiscal-sim-serve (release;
## `fiscal-sim serve` runs it) and starts it on http://127.0.0.1:8080/ (SERVE_ARGS adds options).
serve: deps
	$(SWIFT) build -c release --product fiscal-sim-serve
	$(SERVE_BIN) $(SERVE_ARGS)

## serve-py-deps: Selenium and schemathesis (PyPI) for serve-check, in their own .venv-serve.
SERVE_VENV := .venv-serve
serve-py-deps:
	@[ -x $(SERVE_VENV)/bin/python ] || python3 -m venv $(SERVE_VENV)
	@$(SERVE_VENV)/bin/python -c 'import selenium, schemathesis' 2>/dev/null || \
	  $(SERVE_VENV)/bin/python -m pip install -q --disable-pip-version-check "selenium>=4.20,<5" "schemathesis>=4,<5"

## serve-check: the what-if page end to end — headless Chromium drives the page against
## `fiscal-sim run` (Tests/serve/browser_check.py) and schemathesis fuzzes the API from its
## OpenAPI document (Tests/serve/api_fuzz.py); each starts the server on a free loopback port.
## SERVE_SCREENSHOT=docs/whatif.png retakes the README's screenshot.
SERVE_SCREENSHOT ?=
serve-check: $(BUILD) $(SERVE_DEPS) serve-py-deps
	$(SERVE_VENV)/bin/python Tests/serve/browser_check.py --serve .build/debug/fiscal-sim-serve --cli $(DEBUG_BIN) \
	  $(if $(SERVE_SCREENSHOT),--screenshot $(SERVE_SCREENSHOT))
	$(SERVE_VENV)/bin/python Tests/serve/api_fuzz.py --binary .build/debug/fiscal-sim-serve --schemathesis $(SERVE_VENV)/bin/schemathesis

## py-deps: numpy and PyYAML for the NumPy peer (Monte Carlo check and benchmark).
py-deps:
	@python3 -c 'import numpy, yaml' 2>/dev/null || python3 -m pip install -q numpy pyyaml

build: deps
	$(SWIFT) build

## build-tests: the same debug build with the test targets (swift test then builds nothing).
build-tests: deps
	$(SWIFT) build --build-tests

## venv: the notebooks' Python environment (.venv; notebooks-export/setup_env.sh).
venv:
	notebooks-export/setup_env.sh

build-release: deps
	$(SWIFT) build -c release --product fiscal-sim

## run: the main job — the shipped Siming scenario into out/siming-pilot/.
run: build-release
	$(RELEASE_BIN) run

## crosscheck: the engine against the independent Python reference on generated scenarios.
crosscheck: $(BUILD) $(PY_DEPS)
	python3 Tests/crosscheck/test_reference.py
	python3 Tests/crosscheck/crosscheck.py --binary $(DEBUG_BIN) --seeds $(CROSSCHECK_SEEDS)
	python3 Tests/crosscheck/mc_means.py --binary $(DEBUG_BIN) --paths 1000 --seeds 4
	python3 Tests/crosscheck/mc_means.py --binary $(DEBUG_BIN) --paths 1000 --seeds 3 --start 9 --waves
	python3 Tests/crosscheck/sweep_crosscheck.py --binary $(DEBUG_BIN) --seeds 12

## pinned: the approved headline numbers of the shipped scenarios (scenarios/pinned/*.yaml).
pinned: $(BUILD)
	$(DEBUG_BIN) test scenarios/pinned

## formatter-property: the shortest-digit formatter against Double.description on 5 million
## draws per loop (swift test runs 200,000).
formatter-property:
	FORMATTER_PROPERTY_COUNT=5000000 swift test --disable-xctest --filter ShortestDecimalPropertyTests

## notebook-runs: the shipped scenarios afresh (deterministic, and Siming as Monte Carlo) into out/.
NOTEBOOK_RUNS := out/siming-pilot out/pilot-districts out/siming-pilot-mc
notebook-runs: $(BUILD)
	$(DEBUG_BIN) run scenarios/siming-pilot.yaml --out out/siming-pilot --quiet > /dev/null
	$(DEBUG_BIN) run scenarios/pilot-districts.yaml --out out/pilot-districts --quiet > /dev/null
	$(DEBUG_BIN) run scenarios/siming-pilot.yaml --paths 2000 --out out/siming-pilot-mc --quiet > /dev/null

## calibration-runs: the illustrative Siming history calibrated (with --matrix), pasted into the scenario and run as Monte Carlo (notebook 07).
calibration-runs: $(BUILD)
	$(DEBUG_BIN) calibrate scenarios/siming-pilot.yaml --history scenarios/data/siming-history.csv --matrix --out out/siming-pilot-calibration > /dev/null
	python3 scenarios/paste_calibration.py scenarios/siming-pilot.yaml out/siming-pilot-calibration/calibration.yaml out/siming-calibrated.yaml --name siming-calibrated
	$(DEBUG_BIN) run out/siming-calibrated.yaml --paths 1000 --out out/siming-calibrated-mc --quiet > /dev/null
notebook-runs: calibration-runs

## notebooks: execute every notebook headless on fresh runs; export HTML and PNG figures into notebooks-export/.
notebooks: $(NOTEBOOK_RUNS)
	notebooks-export/run_all.sh $(NOTEBOOK_RUNS)
	FISCAL_NOTEBOOKS=07-calibration.ipynb FISCAL_SWEEP_NOTEBOOKS=0 FISCAL_SKIP_SETUP=1 notebooks-export/run_all.sh out/siming-calibrated-mc

## notebooks-check: the same, exporting into out/ (so the committed exports stay as they are); fails on any error.
notebooks-check: $(NOTEBOOK_RUNS) $(VENV)
	FISCAL_EXPORT_DIR=$(CURDIR)/out/notebooks-check notebooks-export/run_all.sh $(NOTEBOOK_RUNS)
	FISCAL_EXPORT_DIR=$(CURDIR)/out/notebooks-check FISCAL_NOTEBOOKS=07-calibration.ipynb FISCAL_SWEEP_NOTEBOOKS=0 FISCAL_SKIP_SETUP=1 notebooks-export/run_all.sh out/siming-calibrated-mc

## datapackages: validate the run folders' datapackage.json with the frictionless package.
datapackages: $(NOTEBOOK_RUNS) $(VENV)
	$(DEBUG_BIN) sweep scenarios/siming-pilot.yaml --grid rollout.default=2026,never --grid rebate.bands.0.rate=0.2:0.5:4 --out out/siming-pilot-sweep --quiet > /dev/null
	@for d in $(NOTEBOOK_RUNS) out/siming-pilot-sweep; do echo "frictionless validate $$d"; .venv/bin/frictionless validate $$d/datapackage.json > out/frictionless.log 2>&1 || { cat out/frictionless.log; exit 1; }; done

## mc-check: Monte Carlo means against the independent NumPy peer, within 4 standard errors.
MC_CHECK_DIR ?= /tmp/fiscal-sim-mc-check
mc-check: $(BUILD) $(PY_DEPS)
	rm -rf $(MC_CHECK_DIR)
	python3 benchmarks/make_synthetic.py $(MC_CHECK_DIR) --units 40 --years 6 --districts 3 --paths 3000 >/dev/null
	python3 benchmarks/numpy_peer.py $(MC_CHECK_DIR)/synthetic.yaml $(MC_CHECK_DIR)/peer --sd --seed 11 >/dev/null
	$(DEBUG_BIN) run $(MC_CHECK_DIR)/synthetic.yaml --out $(MC_CHECK_DIR)/swift --quiet >/dev/null
	@python3 benchmarks/compare_means.py $(MC_CHECK_DIR)/peer $(MC_CHECK_DIR)/swift > $(MC_CHECK_DIR)/compare.txt; \
	  status=$$?; tail -3 $(MC_CHECK_DIR)/compare.txt; exit $$status

## calibration-check: `fiscal-sim calibrate` against NumPy's mean, std(ddof=1) and corrcoef (relative 1e-12).
calibration-check: $(BUILD) $(PY_DEPS)
	python3 Tests/calibration/check_numpy.py --binary $(DEBUG_BIN) --seeds 40

## slurm-check: a private single-node Slurm cluster (installs slurm-wlm's daemons and munge when
## missing; needs root) runs 3-shard Monte Carlo runs and a sweep through deploy/slurm/; each merge must equal
## the single-process run (diff -r). Prints "skipped: needs root" without root.
slurm-check: $(BUILD) $(PY_DEPS)
	Tests/slurm/slurm-check.sh $(DEBUG_BIN)

## docs-check: every section the tree cites ("model.md §6.1", a bare "§13") is a section of
## docs/model.md, and nothing cites the contract outside the repository (docs/cite-model.sh --check).
docs-check:
	docs/cite-model.sh --check

## safety-check: issue 23 at the shell — the wipe cases (a user's files never touched), a workbook on a
## full tmpfs (exit 1, previous folder intact), a 64 KB /tmp, two runs in different PID namespaces
## writing one folder at once. The namespace cases print "skipped: needs root" without root.
safety-check: $(BUILD)
	Tests/safety/safety-check.sh $(DEBUG_BIN)

## bench: performance against the NumPy peer, and the what-if page under wrk beside the CLI's
## run (a benchmark, not a test; see BENCHMARKS.md).
bench: build-release py-deps serve-deps
	python3 benchmarks/run_bench.py --binary $(RELEASE_BIN)
	$(SWIFT) build -c release --product fiscal-sim-serve
	python3 benchmarks/serve_bench.py --serve $(SERVE_BIN) --cli $(RELEASE_BIN)

## fuzz: libFuzzer over the scenario loader, the units-CSV reader and the pinned-test-file reader
## (Fuzz/, built with -sanitize=fuzzer,address, without swift-crypto), FUZZ_SECONDS each, seeded
## with the shipped files and the committed crashers; a crash or hang fails and leaves its input in
## $(FUZZ_DIR)/artifacts/ — commit it under Tests/ScenarioIOTests/Robustness/Crashers/<target>/.
FUZZ_DIR     ?= .build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_TARGETS := FuzzScenario:scenario FuzzUnits:units FuzzPinFile:pin
CRASHERS     := Tests/ScenarioIOTests/Robustness/Crashers
fuzz-build: deps
	@mkdir -p $(FUZZ_DIR)
	@echo "fuzz-build: the libFuzzer targets (Fuzz/, -sanitize=fuzzer,address)"
	@cd Fuzz && $(SWIFT) build -c debug -Xswiftc -sanitize=fuzzer,address --build-path ../$(FUZZ_DIR) > ../$(FUZZ_DIR)/build.log 2>&1 \
	  || { grep -v "Cannot export local symbol" ../$(FUZZ_DIR)/build.log | tail -30; echo "fuzz-build failed (log: $(FUZZ_DIR)/build.log)"; exit 1; }

fuzz: fuzz-build
	@mkdir -p $(FUZZ_DIR)/artifacts
	@for entry in $(FUZZ_TARGETS); do target=$${entry%%:*}; kind=$${entry##*:}; corpus=$(FUZZ_DIR)/corpus/$$kind; \
	  mkdir -p $$corpus; \
	  case $$kind in scenario) cp scenarios/*.yaml $$corpus/;; units) cp scenarios/data/*.csv $$corpus/;; pin) cp scenarios/pinned/*.yaml $$corpus/;; esac; \
	  cp $(CRASHERS)/$$kind/* $$corpus/ 2>/dev/null || true; \
	  echo "fuzz: $$target for $(FUZZ_SECONDS) s"; \
	  dict=""; [ -f Fuzz/$$kind.dict ] && dict="-dict=Fuzz/$$kind.dict"; \
	  $(FUZZ_DIR)/x86_64-unknown-linux-gnu/debug/$$target $$corpus $$dict -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$$kind- -print_final_stats=1 > $(FUZZ_DIR)/$$target.log 2>&1 \
	    || { tail -40 $(FUZZ_DIR)/$$target.log; echo "fuzz: $$target failed; its input is in $(FUZZ_DIR)/artifacts/"; exit 1; }; \
	  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" $(FUZZ_DIR)/$$target.log | tr '\n' ' '; echo; \
	done

## fuzz-quick: the short pass `make test` runs (about 60 s in all).
fuzz-quick:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=20

## workbook-check: report.xlsx of the shipped scenarios (en, zh, Monte Carlo; siming-rollout's Waves sheet and charts) read back with openpyxl against the CSVs (the Brief sheet too), and the printed page count of the deterministic reports (LibreOffice headless, pdfinfo).
WB_DIR := out/workbook-check
workbook-check: $(BUILD) $(VENV) $(WORKBOOK_DEPS)
	rm -rf $(WB_DIR) && mkdir -p $(WB_DIR)
	$(DEBUG_BIN) run scenarios/siming-pilot.yaml --xlsx --out $(WB_DIR)/siming-pilot --quiet > $(WB_DIR)/siming-pilot.txt
	$(DEBUG_BIN) run scenarios/pilot-districts.yaml --xlsx --out $(WB_DIR)/pilot-districts --quiet > $(WB_DIR)/pilot-districts.txt
	$(DEBUG_BIN) run scenarios/pilot-districts.yaml --xlsx --lang zh --out $(WB_DIR)/pilot-districts-zh --quiet > $(WB_DIR)/pilot-districts-zh.txt
	$(DEBUG_BIN) run scenarios/siming-pilot.yaml --xlsx --paths 500 --xlsx-constant-memory --out $(WB_DIR)/siming-pilot-mc --quiet > $(WB_DIR)/siming-pilot-mc.txt
	$(DEBUG_BIN) run scenarios/siming-pilot.yaml --xlsx --paths 200 --lang zh --out $(WB_DIR)/siming-pilot-mc-zh --quiet > $(WB_DIR)/siming-pilot-mc-zh.txt
	$(DEBUG_BIN) run scenarios/siming-pilot.yaml --xlsx --xlsx-sheet-rows 100 --out $(WB_DIR)/continued --quiet > $(WB_DIR)/continued.txt
	$(DEBUG_BIN) sweep scenarios/siming-pilot.yaml --grid rebate.bands.0.rate=0.1:0.5:5 --grid rebate.termYears=3,5 --xlsx --out $(WB_DIR)/sweep --quiet > /dev/null
	$(DEBUG_BIN) sweep scenarios/siming-pilot.yaml --grid rebate.bands.0.rate=0.1:0.5:5 --paths 100 --xlsx --out $(WB_DIR)/sweep-mc --quiet > /dev/null
	$(DEBUG_BIN) run scenarios/siming-rollout.yaml --xlsx --out $(WB_DIR)/siming-rollout --quiet > $(WB_DIR)/siming-rollout.txt
	$(DEBUG_BIN) run scenarios/siming-rollout.yaml --xlsx --paths 100 --lang zh --out $(WB_DIR)/siming-rollout-mc-zh --quiet > $(WB_DIR)/siming-rollout-mc-zh.txt
	.venv/bin/python Tests/workbook/check_workbook.py $(WB_DIR)/siming-pilot $(WB_DIR)/pilot-districts \
	  $(WB_DIR)/pilot-districts-zh:zh $(WB_DIR)/siming-pilot-mc $(WB_DIR)/siming-pilot-mc-zh:zh $(WB_DIR)/continued \
	  $(WB_DIR)/sweep $(WB_DIR)/sweep-mc $(WB_DIR)/siming-rollout $(WB_DIR)/siming-rollout-mc-zh:zh
	python3 Tests/workbook/page_count.py $(WB_DIR)/siming-pilot/report.xlsx:20 $(WB_DIR)/pilot-districts/report.xlsx:36

## swift-test: the Swift Testing suites (both test targets) on the debug build.
swift-test: $(BUILD_TESTS)
	$(SWIFT) test --skip-build --disable-xctest

## test: the whole suite; the output ends with swift test's summary line. One debug build (with
## the tests) serves every check; the notebooks' environment is set up meanwhile; then the
## checks run side by side (TEST_JOBS at a time, default 2 = the cores), each into its own log
## under out/test-logs/ with its wall and CPU time. A failing check prints its log at once and
## fails the run; at the end every log is printed in the order below, swift test's last.
TEST_JOBS  ?= 2
TEST_LOGS  := out/test-logs
# Longest first, so the two cores stay busy to the end: the notebooks (which also wait for the
# notebooks' environment) before the rest; swift-test is printed last.
TEST_PARTS := notebooks-check swift-test fuzz-quick crosscheck slurm-check safety-check serve-check workbook-check calibration-check datapackages mc-check pinned docs-check
TEST_ORDER := docs-check crosscheck pinned mc-check calibration-check datapackages notebooks-check workbook-check slurm-check safety-check serve-check fuzz-quick swift-test
test:
	@rm -rf $(TEST_LOGS); mkdir -p $(TEST_LOGS)
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) PREPARED=1 test-parts
	@for part in $(TEST_ORDER); do echo "==> $$part ($$(cat $(TEST_LOGS)/$$part.summary))"; cat $(TEST_LOGS)/$$part.log; done

test-parts: $(TEST_PARTS:%=test-part-%)

# The parts' common ground, made once: the system packages (first: apt-get runs one at a time),
# the build with the tests and the NumPy peer's packages; the notebooks' environment meanwhile.
test-deps:
	@$(MAKE) --no-print-directory deps APT_PKGS="$(APT_PKGS) $(SERVE_APT_PKGS) $(WORKBOOK_APT_PKGS)"
test-build: test-deps
	@/usr/bin/time -f "%e s wall, %U + %S s CPU" -o $(TEST_LOGS)/build.time $(MAKE) --no-print-directory build-tests py-deps > $(TEST_LOGS)/build.log 2>&1 \
	  || { cat $(TEST_LOGS)/build.log; exit 1; }
	@echo "build: done ($$(cat $(TEST_LOGS)/build.time))"
test-venv: test-deps
	@/usr/bin/time -f "%e s wall, %U + %S s CPU" -o $(TEST_LOGS)/venv.time notebooks-export/setup_env.sh > $(TEST_LOGS)/venv.log 2>&1 \
	  || { cat $(TEST_LOGS)/venv.log; exit 1; }
	@echo "venv: done ($$(cat $(TEST_LOGS)/venv.time))"
test-notebook-runs: test-build
	@$(MAKE) --no-print-directory PREPARED=1 notebook-runs > $(TEST_LOGS)/notebook-runs.log 2>&1 || { cat $(TEST_LOGS)/notebook-runs.log; exit 1; }
$(TEST_PARTS:%=test-part-%): test-build
test-part-notebooks-check test-part-datapackages: test-venv test-notebook-runs
test-part-workbook-check: test-venv
# slurm-check may apt-get install the Slurm daemons: not while setup_env.sh installs the font.
test-part-slurm-check: test-venv

# One check, its output into its log, timed (wall, user + system CPU seconds).
test-part-%:
	@if /usr/bin/time -f "%e %U %S" -o $(TEST_LOGS)/$*.time $(MAKE) --no-print-directory PREPARED=1 $* > $(TEST_LOGS)/$*.log 2>&1; then \
	  awk '{ printf "%s s wall, %.1f s CPU\n", $$1, $$2 + $$3 }' $(TEST_LOGS)/$*.time > $(TEST_LOGS)/$*.summary; \
	  echo "$*: passed ($$(cat $(TEST_LOGS)/$*.summary))"; \
	else cat $(TEST_LOGS)/$*.log; echo "$*: FAILED (log: $(TEST_LOGS)/$*.log)"; exit 1; fi

clean:
	rm -rf .build out
