// The generated React bindings end to end: the shop app in $MIZAN_APP_DIR (a
// fresh folder: index.html, main.tsx, the generated `gen/stage1` and
// `gen/react` for fixtures/valid/shop.kdl, and react + react-dom in its
// node_modules, nothing else) built with vite as-is — no alias — served on
// loopback by a small static server that proxies the protocol to the live
// test server, and driven in headless Chromium. Run by `cargo test`
// (tests/react/e2e.rs):
//   MIZAN_APP_DIR=... node --import tsx --test apps/react/e2e.test.ts

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";
import react from "@vitejs/plugin-react";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { startServer, type RunningServer } from "../../server/harness.js";
import type { LogEntry } from "../../server/auth.js";

const APP = process.env["MIZAN_APP_DIR"];
const GEN = APP === undefined ? undefined : path.join(APP, "gen");
const CHROMIUM = process.env["MIZAN_CHROMIUM"] ?? "/usr/bin/chromium";
const BASE = "/api/mizan";

let api: RunningServer;
let site: http.Server;
let origin: string;
let browser: BrowserContext;
let work: string;

/** The generated React module, loaded in node (for the SSR checks). It is
 * generated at test time, so this file names only what it uses. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Generated = Record<string, any>;
async function generated(): Promise<Generated> {
  return (await import(path.join(GEN!, "react/index.ts"))) as Generated;
}
/** The generated stage1 module (`createClient`), loaded in node. */
async function stage1(): Promise<Generated> {
  return (await import(path.join(GEN!, "stage1/index.ts"))) as Generated;
}

before(async () => {
  assert.ok(APP, "MIZAN_APP_DIR must name the app folder (with gen/ inside)");
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`,
  );
  work = await mkdtemp(path.join(tmpdir(), "mizan-react-e2e-"));
  api = await startServer(BASE);
  await build({
    configFile: false,
    root: APP!,
    logLevel: "warn",
    plugins: [react()],
    build: { outDir: path.join(work, "dist"), minify: false },
  });
  site = await serve(path.join(work, "dist"), new URL(api.origin));
  const address = site.address() as net.AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launchPersistentContext(path.join(work, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await api?.stop();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

/**
 * Serves the built app; `/api/mizan/*` (HTTP and the WebSocket upgrade) goes
 * to the protocol server. `/` carries hydration data from
 * `prefetchHydration`, as a server-rendered page would.
 */
async function serve(dist: string, upstream: URL): Promise<http.Server> {
  const { prefetchHydration } = await generated();
  const { createClient } = await stage1();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith(`${BASE}/`)) return proxy(req, res, upstream);
    void page(url.pathname).then(
      ([type, body]) => {
        res.writeHead(200, { "Content-Type": type }).end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  const page = async (pathname: string): Promise<[string, string]> => {
    if (pathname !== "/") {
      const file = path.join(dist, path.normalize(pathname));
      if (!file.startsWith(dist)) throw new Error("outside dist");
      const type = file.endsWith(".js") ? "text/javascript" : "text/plain";
      return [type, await readFile(file, "utf8")];
    }
    // One client per request; it talks to the protocol server directly.
    const client = createClient({ baseUrl: `${upstream.origin}${BASE}` });
    const hydration = await prefetchHydration(client, { user: { user_id: 5 } });
    client.close();
    const script = `<script>window.__MIZAN__ = ${JSON.stringify(hydration)};</script>`;
    const html = await readFile(path.join(dist, "index.html"), "utf8");
    return ["text/html", html.replace("<!--hydration-->", script)];
  };
  server.on("upgrade", (req, socket, head) => {
    const target = net.connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      target.write(`${lines.join("\r\n")}\r\n\r\n`);
      target.write(head);
      socket.pipe(target).pipe(socket);
    });
    target.on("error", () => socket.destroy());
    socket.on("error", () => target.destroy());
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  return server;
}

function proxy(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  upstream: URL,
): void {
  const forward = http.request(
    {
      host: upstream.hostname,
      port: upstream.port,
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
}

const byId = (page: Page, id: string) => page.getByTestId(id);

/** Context fetches in the log since `from`, as `ctx?k=v` strings, sorted. */
function contextFetches(log: LogEntry[], from: number): string[] {
  return log
    .slice(from)
    .filter((e) => e.method === "GET" && e.path.startsWith(`${BASE}/ctx/`))
    .map((e) => {
      const name = e.path.slice(`${BASE}/ctx/`.length, -1);
      const query = new URLSearchParams(e.query).toString();
      return query === "" ? name : `${name}?${query}`;
    })
    .sort();
}

/** Waits until no profile is fetching and the server log stops growing. */
async function settle(page: Page): Promise<LogEntry[]> {
  await page.waitForFunction(
    () => document.querySelectorAll('[data-fetching="true"]').length === 0,
  );
  let log = await api.log();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await api.log();
    if (next.length === log.length) return next;
    log = next;
  }
}

/**
 * An uncaught page error or a console error closes the page: whatever the
 * test awaits fails at once rather than timing out, and the error is
 * printed (stderr) as the cause. (A response's status is not a page error.)
 */
function failOnPageErrors(page: Page): void {
  const fail = (what: string) => {
    const reason = `the page failed: ${what}`;
    console.error(reason);
    void page.close({ reason });
  };
  page.on("pageerror", (error) => fail(error.stack ?? error.message));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (message.text().startsWith("Failed to load resource")) return;
    fail(`console.error: ${message.text()}`);
  });
}

async function open(): Promise<Page> {
  await api.reset();
  const page = await browser.newPage();
  failOnPageErrors(page);
  await page.goto(origin);
  await byId(page, "profile-5").getByText("ada@shop.example").waitFor();
  return page;
}

test("server helper: hydration data renders on the server's first paint", async () => {
  const gen = await generated();
  const { createClient } = await stage1();
  await api.reset();
  const client = createClient({ baseUrl: `${api.origin}${BASE}` });
  const hydration = await gen.prefetchHydration(client, {
    user: { user_id: 5 },
  });
  assert.deepEqual(Object.keys(hydration).sort(), ["global", "user?user_id=5"]);
  const Email = () =>
    createElement("i", null, gen.useUserProfile().data?.email);
  const Name = () => createElement("b", null, gen.useSiteConfig().data?.name);
  const html = renderToString(
    createElement(
      gen.MizanProvider,
      { hydration, session: false, baseUrl: `${api.origin}${BASE}` },
      createElement(Name),
      createElement(gen.UserProvider, { user_id: 5 }, createElement(Email)),
    ),
  );
  assert.equal(html, "<b>Shop</b><i>ada@shop.example</i>");
  // `<MizanProvider client>` provides that very client; outside a provider
  // `useMizanClient` fails clearly.
  let seen: unknown = null;
  const Probe = () => {
    seen = gen.useMizanClient();
    return null;
  };
  renderToString(
    createElement(
      gen.MizanProvider,
      { client, session: false },
      createElement(Probe),
    ),
  );
  assert.equal(seen, client);
  assert.throws(
    () => renderToString(createElement(Probe)),
    /useMizanClient must be used inside <MizanProvider>/,
  );
  client.close();
});

test("server: two concurrent renders for two users share nothing", async () => {
  const gen = await generated();
  const { createClient } = await stage1();
  await api.reset();
  // Every answer waits, so both renders' fetches are in flight together.
  await api.delay(150);
  const who = (user: string, bearer: boolean) =>
    createClient({
      baseUrl: `${api.origin}${BASE}`,
      headers: () => ({
        ...(bearer ? { Authorization: "Bearer test-token" } : {}),
        "X-Test-User": user,
      }),
    });
  // Ada is signed in (`current_user` is her); the other visitor is anonymous.
  const ada = who("ada", true);
  const grace = who("grace", false);
  const render = async (client: unknown, userId: number) => {
    const hydration = await gen.prefetchHydration(client, {
      user: { user_id: userId },
    });
    const Me = () =>
      createElement("i", null, gen.useCurrentUser().data?.email ?? "anon");
    const Email = () =>
      createElement("b", null, gen.useUserProfile().data?.email);
    const html = renderToString(
      createElement(
        gen.MizanProvider,
        { client, hydration, session: false },
        createElement(Me),
        createElement(
          gen.UserProvider,
          { user_id: userId },
          createElement(Email),
        ),
      ),
    );
    return { hydration, html };
  };
  // Interleaved: the second starts while the first one's fetches are pending.
  const first = render(ada, 5);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const second = render(grace, 6);
  const [a, g] = await Promise.all([first, second]);
  await api.delay(0);
  assert.deepEqual(Object.keys(a.hydration).sort(), [
    "global",
    "user?user_id=5",
  ]);
  assert.deepEqual(Object.keys(g.hydration).sort(), [
    "global",
    "user?user_id=6",
  ]);
  assert.equal(a.hydration["global"].current_user.email, "ada@shop.example");
  assert.equal(g.hydration["global"].current_user, null);
  assert.equal(a.html, "<i>ada@shop.example</i><b>ada@shop.example</b>");
  assert.equal(g.html, "<i>anon</i><b>grace@shop.example</b>");
  assert.ok(
    !JSON.stringify(g).includes("ada@"),
    "Ada's data in Grace's render",
  );
  assert.ok(
    !JSON.stringify(a).includes("grace@"),
    "Grace's data in Ada's render",
  );
  // Each client's requests carried its own headers only, and each client
  // fetched its own `global` (nothing deduplicated across users).
  const fetches = (await api.log())
    .filter((e) => e.path.includes("/ctx/"))
    .map(
      (e) =>
        `${e.headers?.["x-test-user"]} ${e.path.replace(/^.*\/ctx\//, "")}?${new URLSearchParams(e.query)}`,
    )
    .sort();
  assert.deepEqual(fetches, [
    "ada global/?",
    "ada user/?user_id=5",
    "grace global/?",
    "grace user/?user_id=6",
  ]);
  ada.close();
  grace.close();
});

test("data renders, hydrated entries are not fetched again", async () => {
  const page = await open();
  assert.equal(await byId(page, "site-name").textContent(), "Shop");
  await byId(page, "profile-6").getByText("grace@shop.example").waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="products"] li').length === 3,
  );
  assert.equal(
    await byId(page, "profile-5").getByTestId("orders").textContent(),
    "2",
  );
  const log = await settle(page);
  // `global` and `user?user_id=5` were fetched once, by the server helper
  // that rendered the page: the browser did not fetch them again.
  // The disabled query (user 1) fetched nothing.
  assert.deepEqual(contextFetches(log, 0), [
    "catalog",
    "global",
    "user?page=1&user_id=5",
    "user?user_id=5",
    "user?user_id=6",
    "user?user_id=999",
  ]);
  await page.close();
});

test("an error state shows", async () => {
  const page = await open();
  const missing = byId(page, "profile-999");
  await missing.getByTestId("error").getByText("NOT_FOUND").waitFor();
  assert.equal(await missing.getByTestId("status").textContent(), "error");
  await page.close();
});

test("a mutation refetches exactly the affected context entry", async () => {
  const page = await open();
  const ada = byId(page, "profile-5");
  const from = (await settle(page)).length;
  await ada.getByTestId("upload").click();
  await ada.getByText(/avatars\/5\/me\.png/).waitFor();
  const log = await settle(page);
  const calls = log.slice(from).filter((e) => e.path === `${BASE}/call/`);
  assert.deepEqual(
    calls.map((e) => e.fn),
    ["upload_avatar"],
  );
  // upload_avatar affects `user`, auto-scoped by user_id=5: its entries
  // (the profile's, and page 1 of the orders).
  assert.deepEqual(contextFetches(log, from), [
    "user?page=1&user_id=5",
    "user?user_id=5",
  ]);
  assert.equal(
    await byId(page, "profile-6").getByTestId("avatar").textContent(),
    "no avatar",
  );
  await page.close();
});

test("a merge shows the result; invalidation follows the graph", async () => {
  const page = await open();
  const ada = byId(page, "profile-5");
  const from = (await settle(page)).length;
  await ada.getByTestId("rename").click();
  await ada.getByTestId("name").getByText("Ada Lovelace").waitFor();
  assert.match((await ada.getByTestId("mutation").textContent())!, /^success/);
  const log = await settle(page);
  // `user` scoped to user 5, plus `user_orders` (a function: every entry
  // of its context); never `global` or `catalog`.
  assert.deepEqual(contextFetches(log, from), [
    "user?page=1&user_id=5",
    "user?user_id=5",
    "user?user_id=6",
    "user?user_id=999",
  ]);
  await page.close();
});

test("a form shows a field error before submit", async () => {
  const page = await open();
  const from = (await settle(page)).length;
  await byId(page, "email-input").fill("not an email");
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="email-errors"]')!.textContent !==
      "",
  );
  // Untouched fields show nothing until a submit is attempted.
  assert.equal(await byId(page, "body-errors").textContent(), "");
  await byId(page, "submit").click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="body-errors"]')!.textContent !== "",
  );
  let calls = (await api.log()).slice(from).filter((e) => e.fn !== undefined);
  assert.deepEqual(calls, [], "nothing was sent while the form was invalid");

  await byId(page, "email-input").fill("ada@shop.example");
  await byId(page, "body-input").fill("Hello there, team!");
  assert.equal(await byId(page, "email-errors").textContent(), "");
  await byId(page, "submit").click();
  await byId(page, "sent").getByText("true").waitFor();
  calls = (await api.log()).slice(from).filter((e) => e.fn !== undefined);
  assert.deepEqual(
    calls.map((e) => e.fn),
    ["contact.submit"],
  );
  await page.close();
});

test("a channel hook receives typed messages", async () => {
  const page = await open();
  await byId(page, "news").getByText("Welcome to the shop").waitFor();
  await page.close();
});

test("a channel hook keeps `buffer` messages; send after unmount throws a MizanError", async () => {
  const page = await open();
  await byId(page, "ticker").getByText("open 1").waitFor();
  await byId(page, "ticker-leave").click();
  await byId(page, "ticker-send").click();
  assert.equal(
    await byId(page, "ticker-after").textContent(),
    "MizanError NETWORK_ERROR: the channel is closed",
  );
  await page.close();
});

test("a channel hook queues sends made before the socket opened; `messages` keeps the newest 100 by default", async () => {
  const page = await open();
  // 103 sent from the component's first effect, before the socket opened.
  await byId(page, "chat").getByText("open 100 m4 m103").waitFor();
  await page.close();
});

test("`set` then `submit()` in one handler sends the values just set", async () => {
  const page = await open();
  const from = (await settle(page)).length;
  await byId(page, "quick-send").click();
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="quick-sent"]')!.textContent !==
      "not sent",
  );
  assert.equal(await byId(page, "quick-sent").textContent(), "true");
  assert.equal(await byId(page, "quick-errors").textContent(), "{}");
  const calls = (await api.log()).slice(from).filter((e) => e.fn !== undefined);
  assert.deepEqual(
    calls.map((e) => e.fn),
    ["contact.submit"],
  );
  await page.close();
});

test("concurrent mutation calls: pending while any flies, the newest call's result wins", async () => {
  const page = await open();
  const race = byId(page, "race");
  assert.equal(await race.textContent(), "idle false -");
  const from = (await settle(page)).length;
  // The older call is held back by the server; the newer one is not.
  await api.delay(800);
  await byId(page, "race-old").click();
  for (;;) {
    const log = (await api.log()).slice(from);
    if (log.some((e) => e.path === `${BASE}/call/`)) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await api.delay(0);
  await byId(page, "race-new").click();
  // The newer call answered; the older one is still in flight.
  await race.getByText("New Name").waitFor();
  assert.equal(await race.textContent(), "pending true New Name");
  // The older call answered last: it does not overwrite the newer result.
  await race.getByText("success").waitFor();
  assert.equal(await race.textContent(), "success false New Name");
  await page.close();
});

test("a disabled query fetches nothing until it is enabled", async () => {
  const page = await open();
  const from = (await settle(page)).length;
  assert.equal(await byId(page, "disabled").textContent(), "pending false -");
  assert.ok(
    (await api.log()).every(
      (e) => !e.path.includes("/ctx/") || e.query?.["user_id"] !== "1",
    ),
    "the disabled query fetched",
  );
  await byId(page, "enable").click();
  await byId(page, "disabled").getByText("admin@shop.example").waitFor();
  assert.equal(
    await byId(page, "disabled").textContent(),
    "success true admin@shop.example",
  );
  assert.deepEqual(contextFetches(await settle(page), from), [
    "user?user_id=1",
  ]);
  await page.close();
});

test("paging keeps the previous page as placeholder while the next loads; select derives the data", async () => {
  const page = await open();
  await settle(page);
  assert.equal(await byId(page, "paging").textContent(), "1 false 2");
  assert.equal(await byId(page, "order-count").textContent(), "number 2");
  await api.delay(600);
  await byId(page, "next-page").click();
  // Page 2 is loading: page 1's orders show, marked as placeholder.
  await byId(page, "paging").getByText("2 true 2").waitFor();
  await byId(page, "paging").getByText("2 false 0").waitFor();
  await api.delay(0);
  await page.close();
});

test("regaining focus refetches the stale entries whose hooks ask for it: a hook's option wins over the provider's default", async () => {
  const page = await open();
  for (const event of ["visibilitychange", "focus"]) {
    const from = (await settle(page)).length;
    await page.evaluate((name) => {
      const target = name === "focus" ? window : document;
      target.dispatchEvent(new Event(name));
    }, event);
    // The provider's `defaultQueryOptions` turn it off; the profiles and
    // the product list turn it on. Not refetched: `global` (its hook says
    // false), page 1 of the orders (the provider's default), user 1
    // (disabled), the query function's fresh entries.
    assert.deepEqual(contextFetches(await settle(page), from), [
      "catalog",
      "user?user_id=5",
      "user?user_id=6",
      "user?user_id=999",
    ]);
    const calls = (await api.log()).slice(from).filter((e) => e.fn);
    assert.deepEqual(calls, []);
  }
  await page.close();
});

test("suspense: a fallback, then the data; an error goes to the error boundary", async () => {
  const page = await open();
  const from = (await settle(page)).length;
  await api.delay(400);
  await byId(page, "suspense-show").click();
  await byId(page, "suspense-wait").waitFor();
  await byId(page, "missing-wait").waitFor();
  await byId(page, "validate-wait").waitFor();
  await byId(page, "suspense-data").getByText("admin@shop.example").waitFor();
  await byId(page, "suspense-validate").getByText("true").waitFor();
  await byId(page, "boundary").getByText("NOT_FOUND").waitFor();
  await api.delay(0);
  // Each entry fetched once: no loop, no refetch when the suspended
  // component mounted.
  const log = await settle(page);
  assert.deepEqual(contextFetches(log, from), [
    "user?user_id=1",
    "user?user_id=404",
  ]);
  // The suspense query hook: one call.
  assert.deepEqual(
    log
      .slice(from)
      .filter((e) => e.fn)
      .map((e) => e.fn),
    ["contact.validate"],
  );
  const caught = await page.evaluate(
    () => (globalThis as { __CAUGHT__?: string[] }).__CAUGHT__,
  );
  assert.equal(caught?.length, 1);
  assert.match(caught[0]!, /no user 404/);
  await page.close();
});

test("an optimistic update: refused, the previous value is back; accepted, the merge confirms it without a refetch", async () => {
  const page = await open();
  const nickname = byId(page, "nickname");
  const status = byId(page, "nick-status");
  const from = (await settle(page)).length;
  assert.equal(await nickname.textContent(), "none");
  await api.delay(500);
  await byId(page, "nick-bad").click();
  // Shown at once, before the server answered.
  await nickname.getByText("x".repeat(41)).waitFor();
  assert.equal(await status.textContent(), "pending -");
  await status.getByText("error VALIDATION_ERROR").waitFor();
  assert.equal(await nickname.textContent(), "none");
  await byId(page, "nick-good").click();
  await nickname.getByText("Countess").waitFor();
  assert.equal(await status.textContent(), "pending -");
  await status.getByText("success -").waitFor();
  await api.delay(0);
  assert.equal(await nickname.textContent(), "Countess");
  let log = await settle(page);
  assert.deepEqual(
    log
      .slice(from)
      .filter((e) => e.fn)
      .map((e) => e.fn),
    ["set_nickname", "set_nickname"],
  );
  assert.deepEqual(contextFetches(log, from), [], "nothing was refetched");
  // The server has it: a reload (its server-side hydration) shows it.
  await page.reload();
  await byId(page, "nickname").getByText("Countess").waitFor();
  await page.close();
});

test("unmounting unsubscribes: the client's focus listener goes back to zero", async () => {
  const page = await open();
  const listeners = () =>
    page.evaluate(() =>
      (globalThis as { __FOCUS_LISTENERS__?: () => number })
        .__FOCUS_LISTENERS__!(),
    );
  assert.equal(await listeners(), 0, "nothing mounted, nothing listens");
  await byId(page, "life-toggle").click();
  await byId(page, "life-email")
    .getByText(/^grace@shop\.example \d+$/)
    .waitFor();
  // Two hooks, one observer hub: one listener.
  assert.equal(await listeners(), 1);
  await byId(page, "life-toggle").click();
  await byId(page, "life-email").waitFor({ state: "detached" });
  assert.equal(await listeners(), 0, "the unmounted hooks still listen");
  // Mounted again: one listener again, not two.
  await byId(page, "life-toggle").click();
  await byId(page, "life-email")
    .getByText(/^grace@shop\.example \d+$/)
    .waitFor();
  assert.equal(await listeners(), 1);
  await page.close();
});

test("after a param switch, a change to the old params' entry shows nowhere", async () => {
  const page = await open();
  await byId(page, "life-toggle").click();
  const email = byId(page, "life-email");
  await email.getByText(/^grace@shop\.example \d+$/).waitFor();
  await byId(page, "life-switch").click();
  await email.getByText(/^admin@shop\.example \d+$/).waitFor();
  const shown = await email.textContent();
  const from = (await settle(page)).length;
  await byId(page, "life-change-old").click();
  const log = await settle(page);
  assert.equal(await email.textContent(), shown);
  assert.deepEqual(
    contextFetches(log, from),
    [],
    "user 6 is watched by nobody: nothing refetched",
  );
  await page.close();
});

test("a query hook caches a query function's result by its args", async () => {
  const page = await open();
  const validations = async () =>
    (await api.log()).filter((e) => e.fn === "contact.validate").length;
  await byId(page, "search-a").getByText("ok").waitFor();
  assert.equal(await byId(page, "search-b").textContent(), "ok");
  // Two readers of the same args: one request.
  assert.equal(await validations(), 1);
  await byId(page, "search-bad").click();
  await byId(page, "search-a").getByText("email").waitFor();
  assert.equal(await byId(page, "search-b").textContent(), "email");
  assert.equal(await validations(), 2);
  // Args seen before, still fresh: read from the cache, no request.
  await byId(page, "search-good").click();
  await byId(page, "search-a").getByText("ok").waitFor();
  await settle(page);
  assert.equal(await validations(), 2);
  await page.close();
});
