#!/usr/bin/env bash
# Mutation testing before a release (issue 19): cargo-mutants over the code
# whose mistakes the output snapshots alone would catch weakly or not at all
# -- lowering (src/lower.rs), the edge manifest (src/emit/manifest.rs), the
# write path (src/write.rs, src/write/) and the name rules (src/names/) --
# against the fast tests that exercise them: the library's unit tests and the
# CLI, output-snapshot and front-end modules of `tests/main.rs` (no browser,
# SSR or toolchain test). Then lists the surviving mutants.
#
#   scripts/mutants.sh                        # the whole scope
#   scripts/mutants.sh src/lower.rs ...       # only these files
#   scripts/mutants.sh -- --list              # extra cargo-mutants options after --
#   MUTANTS_TESTS="emit::manifest cli:: outputs::manifest" scripts/mutants.sh src/emit/manifest.rs
#                                             # fewer tests (libtest name filters)
#   MUTANTS_TARGETS=--lib MUTANTS_TESTS="names:: emit::" scripts/mutants.sh 'src/names/*.rs'
#                                             # fewer test targets (cargo test options; default
#                                             # "--lib --test main"): `--lib` alone builds one
#                                             # crate per mutant, not the library, binary and
#                                             # tests/main.rs, when the unit tests are the judges
#   MUTANTS_TIMEOUT=150 (seconds per test run; default 240)
#
# Mutants are applied in place (one at a time, so one job, restored after each), so the
# tree's target/ is reused and no copy of it is made: don't edit the sources
# while it runs. Results: target/mutants/mutants.out/ (missed.txt, timeout.txt,
# caught.txt, outcomes.json). Every survivor must be killed by a new test or
# explained in tests/README.md ("Mutation testing"). Not part of
# scripts/test.sh: it costs one incremental build and one test run per mutant.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

VERSION=27.1.0
TOOLS=target/tools
MUTANTS=$TOOLS/bin/cargo-mutants

if [[ ! -x $MUTANTS ]] || [[ $("$MUTANTS" mutants --version) != "cargo-mutants $VERSION" ]]; then
    cargo install --locked --root "$TOOLS" "cargo-mutants@$VERSION"
fi

files=()
extra=()
while (($#)); do
    if [[ $1 == -- ]]; then
        shift
        extra=("$@")
        break
    fi
    files+=("$1")
    shift
done
if ((${#files[@]} == 0)); then
    files=(src/lower.rs src/emit/manifest.rs src/write.rs 'src/write/*.rs' 'src/names/*.rs')
fi
file_args=()
for f in "${files[@]}"; do
    file_args+=(--file "$f")
done

# The tests that run the code in scope. Library unit tests: lowering and the
# manifest through `crate::compile`, the name rules under every emitter, the
# write path's own tests. `tests/main.rs`: `cli::` (the built binary writing,
# pruning, checking, refusing; name collisions), `outputs` (every target's
# files for every fixture) and `front::` (lowering of every fixture, and every
# emitter over the invalid corpus). Left out: the one CLI test that runs tsc
# (it judges `diff`, which is out of scope, and costs minutes), and the two
# that time 64k-error inputs against a deadline (they judge the front end's
# speed, and fail spuriously on a loaded machine).
# MUTANTS_TESTS replaces these filters for a quicker pass over one file
# (e.g. "emit::manifest cli:: outputs::manifest" for the manifest).
read -r -a filters <<<"${MUTANTS_TESTS:-lower:: emit:: names:: write:: cli:: outputs front::}"
skips=(--skip cli::diff::breaking_verdicts_agree_with_the_typescript_compiler --skip sixty_four_thousand_)
read -r -a targets <<<"${MUTANTS_TARGETS:---lib --test main}"

mkdir -p target/mutants
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
status=0
"$MUTANTS" mutants --in-place --no-shuffle \
    --output target/mutants \
    --timeout "${MUTANTS_TIMEOUT:-240}" --build-timeout "${MUTANTS_BUILD_TIMEOUT:-900}" \
    "${file_args[@]}" "${extra[@]}" \
    -- "${targets[@]}" -- "${filters[@]}" "${skips[@]}" || status=$?

out=target/mutants/mutants.out
# Only this run's results (`--list` writes none).
if [[ $out/outcomes.json -nt $stamp ]]; then
    echo
    echo "survivors (missed):"
    sed 's/^/  /' "$out/missed.txt" 2>/dev/null || true
    echo "timeouts:"
    sed 's/^/  /' "$out/timeout.txt" 2>/dev/null || true
fi
# cargo-mutants: 0 all caught, 2 some missed, 3 some timed out, 4 baseline failed.
exit "$status"
