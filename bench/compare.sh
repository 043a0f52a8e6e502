#!/usr/bin/env bash
# Side by side: mizan-generate against openapi-typescript and orval on the
# same synthetic API (benches/synth.rs writes it both as a Mizan IR and as an
# OpenAPI 3.0 document). Not run by CI: it installs the pinned peers from npm
# into a scratch folder outside the repository's tests/js.
#
#   bash bench/compare.sh            # sizes 1000 and 5000
#   bash bench/compare.sh 1000 5000 10000
#   CORPUS=large bash bench/compare.sh 1000
#
# CORPUS=synthetic (default): benches/synth.rs's IR and its hand-written
# OpenAPI twin. CORPUS=large: the tests' large realistic IR
# (tests/common/large_ir.rs: GitHub's shapes, 2,000 types and 2,000 enums per
# 1,000 functions) and the OpenAPI document `benches/openapi.rs` derives from
# any IR (`cargo bench --bench pipeline -- twin api.kdl api.json`).
#
# Besides wall time (the tool's own: see time_ms), each tool's CPU time
# (user + system, from `perf stat`'s task-clock when perf can count it): on
# a loaded machine wall time mostly measures the load, CPU time much less
# so. mizan-generate emits its targets on every core, so its CPU time is
# above its wall time on a quiet machine.
#
# Each tool runs RUNS times per size (default 3; median reported), each run
# capped at CAP seconds (default 180; reported as "> CAP s").
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-${TMPDIR:-/tmp}/mizan-compare}
RUNS=${RUNS:-3}
CAP=${CAP:-180}
OPENAPI_TYPESCRIPT=7.13.0
ORVAL=7.9.0 # orval 8 needs Node >= 22.18
CORPUS=${CORPUS:-synthetic}
case $CORPUS in synthetic | large) ;; *) echo "CORPUS is synthetic or large" >&2; exit 2 ;; esac
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 5000)

mkdir -p "$SCRATCH"
cd "$SCRATCH"
if [ ! -x node_modules/.bin/orval ] || ! grep -q "\"version\": \"$ORVAL\"" node_modules/orval/package.json \
  || ! grep -q "\"version\": \"$OPENAPI_TYPESCRIPT\"" node_modules/openapi-typescript/package.json; then
  echo '{"private": true}' >package.json
  npm install --silent --no-audit --no-fund --save-exact \
    "openapi-typescript@$OPENAPI_TYPESCRIPT" "orval@$ORVAL" >/dev/null
fi

echo "building mizan-generate (release) and the corpus writer..." >&2
cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml"
MIZAN="$ROOT/target/release/mizan-generate"
write_corpus() { cargo bench --quiet --manifest-path "$ROOT/Cargo.toml" --bench pipeline -- "$@"; }

# Whether perf can count a command's CPU time here.
PERF=""
if command -v perf >/dev/null && perf stat -x, -e task-clock,duration_time true >/dev/null 2>&1; then PERF=1; fi
CPU_LOG=$SCRATCH/cpu.log

# Milliseconds one command takes, or "timeout"; its CPU milliseconds go to
# CPU_LOG ("-" without perf).
#
# The wall time is the command's own: with perf, its `duration_time` (from
# the fork of the command to its exit; `timeout` adds its exec, well under a
# millisecond), not a clock read around `perf stat`, whose own start-up
# (10-25 ms here) would count against the faster tool; without perf, bash's
# EPOCHREALTIME around the command (no `date` processes either).
time_ms() {
  local run=(timeout "$CAP" "$@") start end
  [ -z "$PERF" ] || run=(perf stat -x, -e task-clock,duration_time -o "$CPU_LOG" -- "${run[@]}")
  echo - >"$CPU_LOG"
  start=${EPOCHREALTIME/./}
  if "${run[@]}" >/dev/null 2>&1; then
    end=${EPOCHREALTIME/./}
    if [ -n "$PERF" ]; then
      awk -F, '/duration_time/ {printf "%d\n", $1 / 1e6}' "$CPU_LOG"
    else
      echo $(((end - start) / 1000))
    fi
  else
    local status=$?
    if [ $status -eq 124 ]; then echo timeout; else echo "failed($status)"; fi
  fi
}

# The CPU milliseconds of the last time_ms, or "-".
cpu_ms() {
  awk -F, '/task-clock/ {printf "%d", $1; found = 1} END {if (!found) print "-"}' "$CPU_LOG"
}

# The median of numbers; anything else (timeout, failure) wins.
median() {
  local bad
  bad=$(printf '%s\n' "$@" | grep -v '^[0-9]*$' | head -1 || true)
  if [ -n "$bad" ]; then echo "$bad"; return; fi
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'
}

# Whether a tool's runs so far (none, or each a number of ms) all finished.
finished() {
  local t
  for t in "$@"; do [[ $t =~ ^[0-9]+$ ]] || return 1; done
}

cpu_ratio() { case $1$2 in *[!0-9]*) echo - ;; *) awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0fx", a / b}' ;; esac; }
show() { case $1 in timeout) echo "> $CAP s" ;; failed*) echo "$1" ;; *) echo "$1 ms" ;; esac; }
ratio() { case $1 in ''|*[!0-9]*) echo "> $((CAP * 1000 / $2))x" ;; *) awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0fx", a / b}' ;; esac; }

# Every target (the peers each generate one: types, or a react-query client),
# as `--help` lists them.
NAMES=$("$MIZAN" --help | awk '/--target <NAME>/ {t = 1} t && /possible values/ {
  sub(/.*possible values: /, ""); sub(/\].*/, ""); gsub(/,/, ""); print; exit }')
TARGETS=""
for t in $NAMES; do TARGETS="$TARGETS --target $t"; done
COUNT=$(echo "$NAMES" | wc -w)

# The instructions one mizan-generate run executes into an empty folder
# (callgrind: the same on any machine, unlike wall time), or "-"; with the
# share of SHA-256 (the record's hash of every file written). valgrind hides
# the CPU's SHA extensions, so under it sha2 hashes in software, at about 70
# instructions a byte: natively a small part of the CPU time, under callgrind
# often half the count.
instructions() {
  if ! command -v valgrind >/dev/null; then echo "-"; return; fi
  rm -rf "$2"
  local profile=$SCRATCH/callgrind.out
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --callgrind-out-file="$profile" "$MIZAN" --ir "$1" --out "$2" $TARGETS -q 2>&1 \
    | awk '/Collected :/ {printf "%.1f M", $NF / 1e6}'
  callgrind_annotate --inclusive=yes "$profile" 2>/dev/null \
    | awk '/sha2::sha256::/ {gsub(",", "", $1); printf " (SHA-256 %.1f M)", $1 / 1e6; exit}'
  rm -f "$profile"
}

echo "corpus: $CORPUS; wall time (median of $RUNS), CPU time in brackets"
echo
echo "| functions | mizan-generate ($COUNT targets) | its instructions | openapi-typescript $OPENAPI_TYPESCRIPT | orval $ORVAL (react-query) | ratios, wall (CPU) |"
echo "| ---: | ---: | ---: | ---: | ---: | --- |"
for n in "${SIZES[@]}"; do
  if [ "$CORPUS" = large ]; then
    write_corpus large "$n" "$SCRATCH/api-$n.kdl"
    write_corpus twin "$SCRATCH/api-$n.kdl" "$SCRATCH/api-$n.json"
  else
    write_corpus ir "$n" "$SCRATCH/api-$n.kdl"
    write_corpus openapi "$n" "$SCRATCH/api-$n.json"
  fi
  cat >"$SCRATCH/orval-$n.config.cjs" <<CONF
module.exports = { api: { input: '$SCRATCH/api-$n.json', output: { target: '$SCRATCH/out-orval-$n/api.ts', client: 'react-query', prettier: false } } };
CONF
  m=() o=() r=() mc=() oc=() rc=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$SCRATCH/out-mizan-$n" "$SCRATCH/out-ots-$n" "$SCRATCH/out-orval-$n"
    # shellcheck disable=SC2086
    m+=("$(time_ms "$MIZAN" --ir "$SCRATCH/api-$n.kdl" --out "$SCRATCH/out-mizan-$n" $TARGETS -q)") mc+=("$(cpu_ms)")
    # A capped (or failed) tool is not run again at this size; the others
    # still run RUNS times.
    if finished "${o[@]}"; then
      mkdir -p "$SCRATCH/out-ots-$n"
      o+=("$(time_ms node_modules/.bin/openapi-typescript "$SCRATCH/api-$n.json" -o "$SCRATCH/out-ots-$n/api.ts")") oc+=("$(cpu_ms)")
    fi
    if finished "${r[@]}"; then
      r+=("$(time_ms node_modules/.bin/orval --config "$SCRATCH/orval-$n.config.cjs")") rc+=("$(cpu_ms)")
    fi
  done
  mm=$(median "${m[@]}") om=$(median "${o[@]}") rm_=$(median "${r[@]}")
  mcm=$(median "${mc[@]}") ocm=$(median "${oc[@]}") rcm=$(median "${rc[@]}")
  mi=$(instructions "$SCRATCH/api-$n.kdl" "$SCRATCH/out-mizan-$n")
  echo "| $n | $(show "$mm") ($mcm) | $mi | $(show "$om") ($ocm) | $(show "$rm_") ($rcm) | openapi-typescript $(ratio "$om" "$mm") ($(cpu_ratio "$ocm" "$mcm")), orval $(ratio "$rm_" "$mm") ($(cpu_ratio "$rcm" "$mcm")) |"
done
