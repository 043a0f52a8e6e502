#!/usr/bin/env bash
# The one test command: idempotent setup of every pinned toolchain, then
# every test. Safe to run again and again; a missing toolchain makes the
# tests that need it fail (never skip).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Node packages pinned by tests/js/package-lock.json (tsc, prettier, ...),
# and the SSR apps' frameworks by tests/ssr/package-lock.json (Next.js,
# Nuxt, SvelteKit: one toolchain for the three apps).
# `npm ci` reinstalls from scratch (the SSR toolchain takes about a minute),
# so a folder installed from the same lockfile is kept: the lockfile's hash
# is stamped into node_modules after a successful install.
setup_node() {
    local dir sum
    for dir in tests/js tests/ssr; do
        [[ -f $dir/package-lock.json ]] || continue
        sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
        if [[ $(cat "$dir/node_modules/.mizan-lock" 2>/dev/null) != "$sum" ]]; then
            (cd "$dir" && npm ci --no-audit --no-fund)
            echo "$sum" >"$dir/node_modules/.mizan-lock"
        fi
    done
}

# Python packages pinned in tests/python/requirements.txt, in .venv.
setup_python() {
    if [[ -f tests/python/requirements.txt ]]; then
        if [[ ! -x .venv/bin/python ]]; then
            python3 -m venv .venv
        fi
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
    fi
}

# Debian's Chromium, which the browser tests drive through playwright-core
# (no browser download: the registry package's binary is used). With
# MIZAN_CHROMIUM pointing at an existing Chromium or Chrome, nothing is
# installed and the tests use that one.
setup_chromium() {
    if [[ -n ${MIZAN_CHROMIUM:-} ]]; then
        [[ -x $MIZAN_CHROMIUM ]] || { echo "MIZAN_CHROMIUM=$MIZAN_CHROMIUM is not an executable" >&2; exit 1; }
        return
    fi
    if [[ ! -x /usr/bin/chromium ]]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
    fi
}

run_tests() {
    cargo build
    # The Rust suite: unit tests, the IR corpus, the CLI, every target's
    # snapshots, toolchain checks and end-to-end runs against the live server.
    cargo test
    # The slow tier: a large realistic API (tests/scale, 1,000 functions)
    # under every strict check of every target, each step timed.
    cargo test --test main scale:: -- --ignored --test-threads 1
    # The runtime's own tests (against the live protocol server and test
    # doubles) run the runtime as generated: stage1 writes it.
    target/debug/mizan-generate -q --ir fixtures/valid/shop.kdl --target stage1 --out tests/js/.gen/kernel
    (cd tests/js && npm run --silent typecheck && npm run --silent test:kernel)
    # The npm launcher: shim, packaging and install from tarballs.
    MIZAN_GENERATE_BIN="$PWD/target/debug/mizan-generate" node --test npm/test/*.test.mjs
}

setup_node
setup_python
setup_chromium
run_tests
