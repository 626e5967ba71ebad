# Allot: "make run" and "make check" do the whole set-up on a fresh Debian 12
# machine: install what is missing, configure and build with meson, then run
# the app on the demo database or run every test.

BUILD      ?= _build
ASAN_BUILD ?= _build-sanitize
PREFIX     ?= /usr/local
DEMO_DB    ?= $(BUILD)/demo.db

# Debian 12 packages needed to build, test and check exported files.
PACKAGES = \
	gcc meson ninja-build pkg-config gettext \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev \
	libsqlite3-dev sqlite3 libpq-dev postgresql libxlsxwriter-dev libcsv-dev \
	libexpat1-dev zlib1g-dev \
	xvfb xauth imagemagick locales \
	python3 python3-openpyxl gnumeric \
	desktop-file-utils appstream-util

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run check check-main check-pg check-app check-sanitize bench bench-pg install clean

all: build

deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# A comma-decimal locale for the tests that prove numbers do not depend on it.
	@locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$$' || \
	  $(SUDO) localedef -i de_DE -f UTF-8 de_DE.UTF-8 || \
	  echo "note: could not generate de_DE.UTF-8; locale tests will be skipped"

$(BUILD)/build.ninja:
	meson setup $(BUILD) -Dwerror=true --prefix=$(PREFIX)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(DEMO_DB): | build
	$(BUILD)/src/cli/allot-cli --db $(DEMO_DB) demo

run: build $(DEMO_DB)
	$(BUILD)/src/app/allot --db $(DEMO_DB)

check: build
	$(MAKE) --no-print-directory check-main check-pg check-app check-sanitize

check-main:
	meson test -C $(BUILD) --print-errorlogs --no-rebuild --suite core --suite cli

# The same core and CLI suites on PostgreSQL, on a throwaway cluster on
# loopback (started and stopped by tests/pg/with-cluster), with the
# PostgreSQL schema's own test.
check-pg:
	tests/pg/with-cluster \
	  meson test -C $(BUILD) --print-errorlogs --no-rebuild --suite core --suite cli --suite pg

check-app:
	xvfb-run -a -s '-screen 0 1400x900x24' \
	  meson test -C $(BUILD) --print-errorlogs --no-rebuild --suite app

# The core and CLI suites again with AddressSanitizer and UBSan; any report fails.
check-sanitize:
	@[ -f $(ASAN_BUILD)/build.ninja ] || \
	  meson setup $(ASAN_BUILD) -Dapp=false -Dwerror=true -Db_sanitize=address,undefined \
	    -Db_lundef=false -Dbuildtype=debug
	ninja -C $(ASAN_BUILD)
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  meson test -C $(ASAN_BUILD) --print-errorlogs --no-rebuild --timeout-multiplier 3 --suite core --suite cli

bench: deps
	@[ -f _build-release/build.ninja ] || meson setup _build-release -Dbuildtype=release -Dapp=false
	ninja -C _build-release
	tests/bench/run-bench _build-release

# The heavy paths on SQLite and on PostgreSQL side by side (a throwaway
# cluster; BENCH_PG_SIZES or BENCH_SIZES, default 100000 entries).  Also run
# by "make bench" with BENCH_PG=1.
bench-pg: deps
	@[ -f _build-release/build.ninja ] || meson setup _build-release -Dbuildtype=release -Dapp=false
	ninja -C _build-release
	tests/bench/bench-pg.sh _build-release

install: build
	meson configure $(BUILD) --prefix=$(PREFIX)
	meson install -C $(BUILD) --destdir "$(DESTDIR)"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) _build-release

# ---- fuzzing: "make fuzz" (libFuzzer from clang) over the CSV reader and the
# money and date parsers.  FUZZ_SECONDS per target; new inputs go to
# $(BUILD)/fuzz/corpus-*, seeded from the crash-free corpus in tests/fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = csv-reader money date
FUZZ_DIR      = $(BUILD)/fuzz
FUZZ_CFLAGS   = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                -DGETTEXT_PACKAGE=\"allot\" -I$(BUILD) -Isrc/core \
                $$(pkg-config --cflags glib-2.0)
FUZZ_LIBS     = $$(pkg-config --libs glib-2.0) -lcsv
FUZZ_SOURCES  = src/core/allot-csv-reader.c src/core/allot-money.c src/core/allot-date.c \
                src/core/allot-error.c

.PHONY: fuzz fuzz-build fuzz-merge

fuzz-build: deps $(BUILD)/build.ninja
	@command -v clang >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq clang; }
	mkdir -p $(FUZZ_DIR)
	for t in $(FUZZ_TARGETS); do \
	  clang $(FUZZ_CFLAGS) tests/fuzz/fuzz-$$t.c $(FUZZ_SOURCES) -o $(FUZZ_DIR)/fuzz-$$t \
	    $(FUZZ_LIBS) || exit 1; \
	done

fuzz: fuzz-build
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus-$$t tests/fuzz/corpus-$$t; \
	  ASAN_OPTIONS=detect_leaks=1 $(FUZZ_DIR)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=4096 -dict=tests/fuzz/$$t.dict -artifact_prefix=$(FUZZ_DIR)/crash-$$t- \
	    $(FUZZ_DIR)/corpus-$$t tests/fuzz/corpus-$$t || exit 1; \
	done

# Folds what a run found into the small corpus kept in tests/fuzz/.
fuzz-merge: fuzz-build
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p tests/fuzz/corpus-$$t; \
	  $(FUZZ_DIR)/fuzz-$$t -merge=1 -max_len=4096 tests/fuzz/corpus-$$t $(FUZZ_DIR)/corpus-$$t \
	    || exit 1; \
	done
