#!/usr/bin/env node
// Hand-written mutants of the TypeScript runtime (issue 19), each applied in
// turn to the runtime as `mizan-generate` writes it (stage1's `runtime/`,
// generated into tests/js/.gen/kernel, where the kernel tests import it from),
// never to templates/runtime. For each mutant the kernel tests
// (`npm run test:kernel` in tests/js) run; a mutant is caught when they fail.
//
//   node scripts/runtime-mutants.mjs            # every mutant
//   node scripts/runtime-mutants.mjs ID...      # only these
//
// Needs tests/js/node_modules (`cd tests/js && npm ci`) and a built
// `mizan-generate` (`cargo build`, or MIZAN_GENERATE_BIN). Exits 1 when a
// mutant survives that the list does not explain (`equivalent`), when an
// explained one is caught (the explanation is stale), or when a mutant's
// text is no longer in the runtime (the list is stale).
//
// Cost: one kernel-test run per mutant (20 to 40 s each on 2 shared cores),
// up to three when only clock-bound tests fail.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const js = join(root, "tests/js");
const out = join(js, ".gen/kernel");
const runtime = join(out, "stage1/runtime");
const TIMEOUT_MS = 180_000;
/**
 * Tests that assert wall-clock bounds (a timeout fires within so many ms): on
 * a loaded machine they fail now and then with no mutant. A mutant they alone
 * catch is run again; caught only by them every time, it is reported as
 * unreliable (not caught).
 */
const TIMING = [
  "timeout rejects with NETWORK_ERROR within bounds",
  "a context fetch's timeout rejects too",
  "a WebSocket RPC times out, and its late answer is ignored",
  "the signal still aborts, with its own reason, timeout or not",
];
const RUNS = 3;

/**
 * Each mutant: the runtime file, a text that occurs exactly once in it, what
 * replaces it, and what the mutation breaks. `equivalent`: why no test can
 * tell it apart (an expected survivor).
 */
export const MUTANTS = [
  // store.ts: fetching, retries, staleness, invalidation, gc.
  {
    id: "store-retryable-status",
    file: "store.ts",
    from: 'error.code === "NETWORK_ERROR" || error.status >= 500',
    to: 'error.code === "NETWORK_ERROR" || error.status > 500',
    what: "a 500 is no longer retried (only 501 and up)",
  },
  {
    id: "store-retryable-network",
    file: "store.ts",
    from: 'error.code === "NETWORK_ERROR" || error.status >= 500',
    to: "error.status >= 500",
    what: "a read that got no response at all is not retried",
  },
  {
    id: "store-retryable-inverted",
    file: "store.ts",
    from: "return failureCount < count && retryable(error);",
    to: "return failureCount < count && !retryable(error);",
    what: "4xx retried, 5xx and network errors not",
  },
  {
    id: "store-retry-count",
    file: "store.ts",
    from: "return failureCount < count && retryable(error);",
    to: "return failureCount <= count && retryable(error);",
    what: "one retry more than asked for",
  },
  {
    id: "store-stale-boundary",
    file: "store.ts",
    from: "Date.now() - entry.fetchedAt >= staleTime",
    to: "Date.now() - entry.fetchedAt > staleTime",
    what: "data exactly staleTime old counts as fresh (staleTime 0: fresh in the same millisecond)",
  },
  {
    id: "store-load-no-abort",
    file: "store.ts",
    from: "      previous.controller.abort();\n",
    to: "",
    what: "a superseded fetch is not aborted (its request keeps running)",
  },
  {
    id: "store-run-no-latest-check",
    file: "store.ts",
    from: "        const bundle = await this.fetcher(request);\n        if (entry.fetch !== fetch) return;\n",
    to: "        const bundle = await this.fetcher(request);\n",
    what: "a superseded fetch's late response overwrites the newer one",
  },
  {
    id: "store-tune-min",
    file: "store.ts",
    from: "entry.gcTime = Math.max(entry.gcTime ?? 0, policy.gcTime);",
    to: "entry.gcTime = Math.min(entry.gcTime ?? Infinity, policy.gcTime);",
    what: "the shortest gcTime an observer asked for wins",
  },
  {
    id: "store-write-no-abort",
    file: "store.ts",
    from: "    if (fetch !== null) {\n      fetch.controller.abort();\n      fetch.settle();\n    }\n    if (entry.listeners.size === 0) this.scheduleGc(entry);\n  }\n\n  /** Aborts",
    to: "    if (fetch !== null) {\n      fetch.settle();\n    }\n    if (entry.listeners.size === 0) this.scheduleGc(entry);\n  }\n\n  /** Aborts",
    what: "a direct write (optimistic update) leaves the fetch in flight running",
  },
  {
    id: "store-merge-no-supersede",
    file: "store.ts",
    from: "        if (entry.fetch !== null) targets.add(entry);\n",
    to: "",
    what: "a fetch in flight started before a merge is not superseded: its stale answer overwrites the merge",
  },
  {
    id: "store-unsubscribe-drops-awaited",
    file: "store.ts",
    from: "if (entry.waiters === 0) this.drop(entry);",
    to: "this.drop(entry);",
    what: "the last unsubscribe drops a fetch a prefetch caller awaits",
  },
  {
    id: "store-drop-not-stale",
    file: "store.ts",
    from: "    if (fetch === null) return;\n    entry.invalidated = true;\n",
    to: "    if (fetch === null) return;\n",
    what: "an entry whose fetch was dropped is not left stale",
  },
  {
    id: "store-hydrate-refetches",
    file: "store.ts",
    from: "entry.hydrated = true;",
    to: "entry.hydrated = false;",
    what: "hydrated entries are refetched by their first subscribers",
  },
  {
    id: "store-gc-during-fetch",
    file: "store.ts",
    from: "if (entry.listeners.size > 0 || entry.fetch !== null) return;",
    to: "if (entry.listeners.size > 0) return;",
    what: "an entry is collected while a fetch for it is in flight",
  },
  {
    id: "store-refresh-unwatched",
    file: "store.ts",
    from: "if (this.watched(entry) || entry.waiters > 0) {",
    to: "if (true) {",
    what: "an invalidation refetches entries nobody watches",
  },
  // mutation.ts: the latest call wins.
  {
    id: "mutation-callbacks-any-call",
    file: "mutation.ts",
    from: "      if (id === this.latestId) {\n        report(() => callbacks?.onSuccess?.(data, variables, context));",
    to: "      if (true) {\n        report(() => callbacks?.onSuccess?.(data, variables, context));",
    what: "per-call onSuccess/onSettled run for a call that is no longer the latest",
  },
  {
    id: "mutation-settle-any-call",
    file: "mutation.ts",
    from: "if (id === this.latestId) this.latest = state;",
    to: "this.latest = state;",
    what: "an older call settling last overwrites the latest call's state",
  },
  {
    id: "mutation-pending-count",
    file: "mutation.ts",
    from: "this.inflight.size > 0 ?",
    to: "this.inflight.size > 1 ?",
    what: "one call in flight is not pending",
  },
  {
    id: "mutation-reset-keeps-inflight",
    file: "mutation.ts",
    from: "    this.latestId = 0;\n    this.inflight.clear();\n",
    to: "    this.latestId = 0;\n",
    what: "after reset a call still in flight keeps the snapshot pending",
  },
  {
    id: "mutation-publish-always",
    file: "mutation.ts",
    from: "if (Object.keys(after).every((key) => after[key] === before[key])) return;",
    to: "",
    what: "a new snapshot object (and a notification) although nothing changed",
  },
  // params.ts: canonical keys and the invalidate header.
  {
    id: "params-unsorted",
    file: "params.ts",
    from: "    .sort()\n",
    to: "",
    what: "entry keys depend on the order params were given in",
  },
  {
    id: "params-null-kept",
    file: "params.ts",
    from: "params[key] !== undefined && params[key] !== null",
    to: "params[key] !== undefined",
    what: 'a null param becomes the string "null" instead of absent',
  },
  {
    id: "params-match-some",
    file: "params.ts",
    from: "return canonicalPairs(filter).every(",
    to: "return canonicalPairs(filter).some(",
    what: "an invalidation scoped by two params hits entries matching only one",
  },
  {
    id: "params-header-no-decode",
    file: "params.ts",
    from: "        pair.slice(eq + 1).trim(),\n",
    to: "        encodeURIComponent(pair.slice(eq + 1).trim()),\n",
    what: "an invalidate header's percent-encoded value is not decoded",
  },
  // query.ts: observer options.
  {
    id: "query-enabled-default",
    file: "query.ts",
    from: "enabled: options.enabled ?? d.enabled ?? true,",
    to: "enabled: options.enabled ?? d.enabled ?? false,",
    what: "queries are disabled unless told otherwise",
  },
  {
    id: "query-focus-default",
    file: "query.ts",
    from: "onFocus: options.refetchOnWindowFocus ?? d.refetchOnWindowFocus ?? true,",
    to: "onFocus: options.refetchOnWindowFocus ?? d.refetchOnWindowFocus ?? false,",
    what: "no refetch on window focus by default",
  },
  {
    id: "query-interval-zero",
    file: "query.ts",
    from: "!(ms > 0)",
    to: "!(ms >= 0)",
    what: "refetchInterval 0 starts a timer firing continually",
  },
  {
    id: "query-focus-always-ignored",
    file: "query.ts",
    from: 'if (when === "always" || this.deps.cache.isStale(entry, r.staleTime))',
    to: "if (this.deps.cache.isStale(entry, r.staleTime))",
    what: 'refetchOnWindowFocus: "always" refetches only stale data',
  },
  // client.ts: per-request options.
  {
    id: "client-timeout-override",
    file: "client.ts",
    from: "options.timeout ?? config.timeout;",
    to: "config.timeout;",
    what: "a per-request timeout is ignored",
  },
];

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { encoding: "utf8", ...options });
}

/** The failing tests' names (TAP `not ok` lines, suites left out). */
function failedTests(output) {
  const names = [];
  const lines = output.split("\n");
  lines.forEach((line, i) => {
    const m = /^(\s*)not ok \d+ - (.*)$/.exec(line);
    if (m === null || m[2].endsWith(".test.ts")) return;
    // The YAML block after it says `type: 'suite'` for a describe: its tests are listed already.
    const end = lines.findIndex((l, j) => j > i && l === `${m[1]}  ...`);
    const block = lines.slice(i + 1, end < 0 ? i + 1 : end);
    if (block.some((l) => l.trim() === "type: 'suite'")) return;
    names.push(m[2]);
  });
  return names.filter((n, i) => names.indexOf(n) === i);
}

function kernelTests() {
  const r = run("npm", ["run", "--silent", "test:kernel"], {
    cwd: js,
    timeout: TIMEOUT_MS,
    killSignal: "SIGKILL",
  });
  if (r.error?.code === "ETIMEDOUT") return { result: "timeout", output: "" };
  const output = `${r.stdout}${r.stderr}`;
  return { result: r.status === 0 ? "pass" : "fail", output };
}

function main() {
  const only = process.argv.slice(2);
  const unknown = only.filter((id) => !MUTANTS.some((m) => m.id === id));
  if (unknown.length > 0) {
    console.error(`unknown mutants: ${unknown.join(", ")}`);
    process.exit(2);
  }
  if (!existsSync(join(js, "node_modules"))) {
    console.error(
      "tests/js/node_modules is missing: run `cd tests/js && npm ci`",
    );
    process.exit(2);
  }
  let bin = process.env.MIZAN_GENERATE_BIN;
  if (bin === undefined) {
    const build = run("cargo", ["build", "-q"], {
      cwd: root,
      stdio: "inherit",
    });
    if (build.status !== 0) process.exit(2);
    bin = join(root, "target/debug/mizan-generate");
  }
  const gen = run(
    bin,
    [
      "-q",
      "--ir",
      "fixtures/valid/shop.kdl",
      "--target",
      "stage1",
      "--out",
      out,
    ],
    { cwd: root, stdio: "inherit" },
  );
  if (gen.status !== 0) process.exit(2);

  const pristine = new Map();
  for (const m of MUTANTS) {
    const path = join(runtime, m.file);
    if (!pristine.has(path)) pristine.set(path, readFileSync(path, "utf8"));
  }
  const restore = () => {
    for (const [path, text] of pristine) writeFileSync(path, text);
  };
  process.on("SIGINT", () => {
    restore();
    process.exit(130);
  });

  const started = Date.now();
  // The clock-bound tests may fail on a loaded machine: the baseline gets three tries.
  let baseline = kernelTests();
  for (let run = 1; run < RUNS && baseline.result !== "pass"; run++)
    baseline = kernelTests();
  if (baseline.result !== "pass") {
    const failed = baseline.output
      .split("\n")
      .filter((l) => /^\s*not ok/.test(l));
    console.error(failed.join("\n"));
    console.error(
      `the kernel tests fail without a mutant (${baseline.result}): fix that first`,
    );
    process.exit(2);
  }
  console.log(
    `baseline: pass (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );

  const selected =
    only.length === 0 ? MUTANTS : MUTANTS.filter((m) => only.includes(m.id));
  const rows = [];
  let bad = 0;
  try {
    for (const m of selected) {
      const path = join(runtime, m.file);
      const text = pristine.get(path);
      const at = text.indexOf(m.from);
      if (at < 0 || text.indexOf(m.from, at + 1) >= 0) {
        rows.push({
          m,
          status: "stale",
          outcome: at < 0 ? "stale: text not found" : "stale: text not unique",
        });
        bad++;
        continue;
      }
      writeFileSync(
        path,
        text.slice(0, at) + m.to + text.slice(at + m.from.length),
      );
      const t = Date.now();
      let result;
      let failed = [];
      for (let run = 0; run < RUNS; run++) {
        const r = kernelTests();
        result = r.result;
        failed = failedTests(r.output);
        // Caught by a test that does not race the clock, or not caught at all: settled.
        if (
          result !== "fail" ||
          failed.some((name) => !TIMING.some((t) => name.includes(t)))
        )
          break;
        result = "timing";
      }
      restore();
      const secs = ((Date.now() - t) / 1000).toFixed(0);
      let outcome;
      let status;
      if (result === "pass" || result === "timing") {
        status = m.equivalent === undefined ? "survived" : "equivalent";
        outcome =
          m.equivalent === undefined ? "SURVIVED" : "survived (equivalent)";
        if (result === "timing")
          outcome += ` (only clock-bound tests failed, ${RUNS} runs: ${failed.join(" | ")})`;
        if (m.equivalent === undefined) bad++;
      } else {
        status = result === "timeout" ? "timeout" : "caught";
        outcome = result === "timeout" ? "caught (timeout)" : "caught";
        if (failed.length > 0)
          outcome += ` by ${failed.slice(0, 3).join(" | ")}`;
        if (m.equivalent !== undefined) {
          status = "stale";
          outcome += ": its `equivalent` note is stale";
          bad++;
        }
      }
      rows.push({ m, status, outcome });
      console.log(`${m.id} (${m.file}, ${secs} s): ${outcome}`);
    }
  } finally {
    restore();
  }

  const count = (status) => rows.filter((r) => r.status === status).length;
  console.log(
    `\n${rows.length} mutants: ${count("caught") + count("timeout")} caught (${count("timeout")} by timeout), ` +
      `${count("survived")} survived, ${count("equivalent")} equivalent, ${count("stale")} stale; ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const { m, status, outcome } of rows) {
    if (status === "caught" || status === "timeout") continue;
    console.log(
      `  ${m.id} (${m.file}): ${outcome}: ${m.what}${m.equivalent ? ` (${m.equivalent})` : ""}`,
    );
  }
  process.exit(bad === 0 ? 0 : 1);
}

main();
