// Server rendering in a framework's own way, end to end: the production
// server of one app of tests/ssr (Next.js App Router, Nuxt or SvelteKit,
// built by its own CLI from the generated code; `tests/ssr/mod.rs` builds
// it), run against the live test server behind a small front proxy
// (`/api/mizan/*` → the test server, everything else → the app, as a
// same-origin deployment does), then checked over HTTP and in headless
// Chromium. Run by `cargo test` (tests/ssr/mod.rs):
//   MIZAN_SSR_APP=next MIZAN_SSR_DIR=../ssr/next node --import tsx --test apps/ssr/ssr.test.ts

import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startServer, type RunningServer } from "../../server/harness.js";
import type { LogEntry } from "../../server/auth.js";

const APP = process.env["MIZAN_SSR_APP"] ?? "";
const DIR = path.resolve(process.env["MIZAN_SSR_DIR"] ?? "");
const CHROMIUM = process.env["MIZAN_CHROMIUM"] ?? "/usr/bin/chromium";
const BASE = "/api/mizan";

let api: RunningServer;
let app: ChildProcess;
let front: http.Server;
let origin: string;
let browser: BrowserContext;
let work: string;

/** How each framework's production server starts (`port`, the backend's URL). */
function command(port: number, backend: string): [string[], NodeJS.ProcessEnv] {
  const env = { ...process.env, HOST: "127.0.0.1", PORT: String(port) };
  switch (APP) {
    case "next": {
      const next = path.join(DIR, "../node_modules/next/dist/bin/next");
      const args = [next, "start", "-H", "127.0.0.1", "-p", String(port)];
      return [
        args,
        { ...env, MIZAN_API_URL: backend, NEXT_TELEMETRY_DISABLED: "1" },
      ];
    }
    case "nuxt":
      return [
        [".output/server/index.mjs"],
        { ...env, NUXT_MIZAN_API_URL: backend },
      ];
    case "sveltekit":
      return [["build/index.js"], { ...env, MIZAN_API_URL: backend }];
    default:
      throw new Error(
        `MIZAN_SSR_APP must be next, nuxt or sveltekit, not "${APP}"`,
      );
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the app's production server and waits until it answers. */
async function startApp(backend: string): Promise<[ChildProcess, number]> {
  const port = await freePort();
  const [args, env] = command(port, backend);
  const child = spawn(process.execPath, args, {
    cwd: DIR,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null)
      throw new Error(`${APP} exited (${child.exitCode})`);
    // A page that exists (an unknown path makes some frameworks log).
    const up = await fetch(`http://127.0.0.1:${port}/users/1`).then(
      () => true,
      () => false,
    );
    if (up) return [child, port];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${APP} did not start`);
}

/** The front proxy: the protocol to the test server, the rest to the app. */
async function startFront(
  apiPort: number,
  appPort: number,
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const port = (req.url ?? "/").startsWith(`${BASE}/`) ? apiPort : appPort;
    const forward = http.request(
      {
        host: "127.0.0.1",
        port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

before(async () => {
  assert.ok(existsSync(DIR), `MIZAN_SSR_DIR must name the built ${APP} app`);
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`,
  );
  work = await mkdtemp(path.join(tmpdir(), `mizan-ssr-${APP}-`));
  api = await startServer(BASE);
  let appPort: number;
  [app, appPort] = await startApp(api.baseUrl);
  front = await startFront(Number(new URL(api.origin).port), appPort);
  origin = `http://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
  browser = await chromium.launchPersistentContext(path.join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
});

after(async () => {
  await browser?.close();
  if (front !== undefined) await new Promise((resolve) => front.close(resolve));
  if (app !== undefined && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await api?.stop();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

/** The text of the element `data-testid=id` in server-rendered HTML. */
function field(html: string, id: string): string | undefined {
  return new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

/** The page of user `id`, server-rendered for a visitor sending `headers`. */
async function render(
  id: number,
  headers: Record<string, string>,
): Promise<string> {
  const response = await fetch(`${origin}/users/${id}`, { headers });
  assert.equal(response.status, 200, `GET /users/${id}`);
  return response.text();
}

/** Context fetches in the log, as `<x-test-user> ctx?k=v`, sorted. */
function contextFetches(log: LogEntry[]): string[] {
  return log
    .filter((e) => e.method === "GET" && e.path.startsWith(`${BASE}/ctx/`))
    .map((e) => {
      const name = e.path.slice(`${BASE}/ctx/`.length, -1);
      const query = new URLSearchParams(e.query).toString();
      return `${e.headers?.["x-test-user"] ?? "-"} ${query === "" ? name : `${name}?${query}`}`;
    })
    .sort();
}

const ADA = { Authorization: "Bearer test-token", "X-Test-User": "ada" };
const GRACE = { "X-Test-User": "grace" };

test("the server-rendered HTML carries the user's data", async () => {
  await api.reset();
  const html = await render(5, ADA);
  assert.equal(field(html, "site"), "Shop");
  assert.equal(field(html, "me"), "ada@shop.example");
  assert.equal(field(html, "email"), "ada@shop.example");
  assert.equal(field(html, "status"), "success");
  // One fetch per entry, made by the server with the visitor's credentials.
  assert.deepEqual(contextFetches(await api.log()), [
    "ada global",
    "ada user?user_id=5",
  ]);
});

test("two concurrent requests for two users share nothing", async () => {
  await api.reset();
  // Every answer waits, so both requests' fetches are in flight together.
  await api.delay(150);
  const first = render(5, ADA);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const second = render(6, GRACE);
  const [ada, grace] = await Promise.all([first, second]);
  await api.delay(0);
  assert.equal(field(ada, "me"), "ada@shop.example");
  assert.equal(field(ada, "email"), "ada@shop.example");
  assert.equal(field(grace, "me"), "anonymous");
  assert.equal(field(grace, "email"), "grace@shop.example");
  assert.ok(!grace.includes("ada@"), "Ada's data in Grace's page");
  assert.ok(!ada.includes("grace@"), "Grace's data in Ada's page");
  // Each request's fetches carried its own visitor's headers only, and each
  // fetched its own `global` (nothing cached across requests).
  assert.deepEqual(contextFetches(await api.log()), [
    "ada global",
    "ada user?user_id=5",
    "grace global",
    "grace user?user_id=6",
  ]);
});

/** Every request the page sends to the protocol, as `METHOD path?query`. */
function apiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith(`${BASE}/`))
      seen.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return seen;
}

test("in Chromium, hydration shows the data and sends no request to the API", async () => {
  await api.reset();
  const page = await browser.newPage();
  // A signed-in visitor: the session cookie, which the app's server passes on.
  const session = await page.request.get(`${origin}${BASE}/session/`);
  assert.equal(session.status(), 200);
  const problems: string[] = [];
  page.on("console", (m) => {
    // Failed resources are reported below, with their URL.
    if (m.text().startsWith("Failed to load resource")) return;
    if (m.type() === "error" || /hydrat/i.test(m.text()))
      problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("response", (r) => {
    // No app has a favicon; the browser asks for one anyway.
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico"))
      problems.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  const sent = apiRequests(page);
  await page.goto(`${origin}/users/5`);
  await page.locator('main[data-hydrated="true"]').waitFor();
  // Whatever the client might still do after hydration has had time to start.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const text = (id: string) => page.getByTestId(id).textContent();
  assert.equal(await text("site"), "Shop");
  assert.equal(await text("me"), "ada@shop.example");
  assert.equal(await text("email"), "ada@shop.example");
  assert.equal(await text("status"), "success");
  assert.deepEqual(
    sent,
    [],
    "the browser fetched what the server had rendered",
  );
  assert.deepEqual(problems, []);
  // The server fetched each entry once, with the session cookie (Ada).
  assert.deepEqual(contextFetches(await api.log()), [
    "- global",
    "- user?user_id=5",
  ]);
  // The hydrated client is live: a refetch reaches the API, and is counted.
  await page.getByTestId("refetch").click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="status"]')?.textContent ===
      "success",
  );
  for (let i = 0; i < 50 && sent.length === 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(sent, ["GET /api/mizan/ctx/user/?user_id=5"]);
  await page.close();
});

/** What the browser itself asks the API for on a client-side navigation to
 * another user: nothing where the framework's server loads the data (Next's
 * Server Component, SvelteKit's `load`); in Nuxt the new page's composables
 * fetch the new user's entry in the browser (not `global`: the old page kept
 * it watched until the new one mounted, so it still counts as hydrated). */
const NAVIGATION: Record<string, string[]> = {
  next: [],
  nuxt: ["GET /api/mizan/ctx/user/?user_id=6"],
  sveltekit: [],
};

test("a client-side navigation to another user shows that user's data", async () => {
  await api.reset();
  const page = await browser.newPage();
  await page.request.get(`${origin}${BASE}/session/`);
  await page.goto(`${origin}/users/5`);
  await page.locator('main[data-hydrated="true"]').waitFor();
  // Survives a client-side navigation, not a page load.
  await page.evaluate(() => ((window as { stay?: boolean }).stay = true));
  const sent = apiRequests(page);
  await page.getByTestId("other").click();
  await page.waitForURL(`${origin}/users/6`);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="email"]')?.textContent ===
      "grace@shop.example",
  );
  assert.equal(await page.getByTestId("me").textContent(), "ada@shop.example");
  assert.equal(await page.getByTestId("status").textContent(), "success");
  assert.equal(
    await page.evaluate(() => (window as { stay?: boolean }).stay),
    true,
    "the navigation reloaded the page",
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(sent.sort(), NAVIGATION[APP]);
  await page.close();
});
