// The generated Svelte bindings for shop.kdl, both flavors, mounted in
// happy-dom and talking to the live protocol server.
import { flushSync, mount, unmount, type Component } from "svelte";
import { get, writable } from "svelte/store";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import {
  MizanError,
  type QueryEnvironment,
  type SocketConstructor,
} from "./gen/stage1/runtime/index.js";
import { createClient, userContext, type MizanClient } from "./gen/stage1/index.js";
import * as stores from "./gen/svelte/index.js";
import * as runes from "./gen/svelte-runes/index.js";
import RunesAnnouncements from "./RunesAnnouncements.svelte";
import RunesAwait from "./RunesAwait.svelte";
import RunesQuery from "./RunesQuery.svelte";
import RunesSearch from "./RunesSearch.svelte";
import RunesSelect from "./RunesSelect.svelte";
import RunesChat from "./RunesChat.svelte";
import RunesContact from "./RunesContact.svelte";
import RunesProfile from "./RunesProfile.svelte";
import RunesStatus from "./RunesStatus.svelte";
import StoresContact from "./StoresContact.svelte";
import StoresProfile from "./StoresProfile.svelte";
import {
  baseUrl,
  calls,
  callsArrived,
  contextFetches,
  delay,
  origin,
  resetServer,
  until,
} from "../dom/server.ts";

beforeAll(() => {
  // Same origin as the server, so happy-dom's fetch applies no CORS.
  window.happyDOM.setURL(origin);
});
/** A focus/network environment the test drives; counts its focus listeners. */
function testEnvironment(): QueryEnvironment & { focus(): void; listeners(): number } {
  const focus = new Set<() => void>();
  return {
    onFocus: (listener) => {
      focus.add(listener);
      return () => void focus.delete(listener);
    },
    onOnline: () => () => undefined,
    isFocused: () => true,
    focus: () => focus.forEach((listener) => listener()),
    listeners: () => focus.size,
  };
}

let env: ReturnType<typeof testEnvironment>;
/** The test's client: every store and component of the test is given it. */
let client: MizanClient;
afterEach(() => client.close());
beforeEach(async () => {
  await resetServer();
  env = testEnvironment();
  client = createClient({
    environment: env,
    baseUrl,
    headers: () => ({ Authorization: "Bearer test-token" }),
    WebSocket: WebSocket as unknown as SocketConstructor,
  });
  document.body.innerHTML = "";
});

/** Mounts a component into a fresh element; returns it, its exports and the unmount. */
function render<Props extends Record<string, unknown>, Exports extends Record<string, unknown>>(
  component: Component<Props, Exports>,
  props: Props,
) {
  const target = document.createElement("div");
  document.body.append(target);
  const exports = mount(component, { target, props });
  flushSync();
  return {
    target,
    exports,
    text: () => {
      flushSync();
      return target.textContent ?? "";
    },
    destroy: () => unmount(exports),
  };
}

for (const flavor of ["stores", "runes"] as const) {
  const Profile = flavor === "stores" ? StoresProfile : RunesProfile;
  const Contact = flavor === "stores" ? StoresContact : RunesContact;

  describe(`${flavor}: contexts`, () => {
    test("data loads", async () => {
      const view = render(Profile, { client, userId: 5 });
      expect(view.text()).toContain("loading");
      await until(() => view.text().includes("ada@shop.example"), "user 5");
      view.destroy();
    });

    test("a missing entry surfaces as a MizanError", async () => {
      const view = render(Profile, { client, userId: 999 });
      await until(() => view.text().includes("error NOT_FOUND"), "the error");
      view.destroy();
    });

    test("a mutation refetches exactly the affected context entry", async () => {
      const five = render(Profile, { client, userId: 5 });
      const six = render(Profile, { client, userId: 6 });
      await until(
        () => five.text().includes("ada@") && six.text().includes("grace@"),
        "both users",
      );
      await resetServer();
      const file = new Blob(["avatar"], { type: "image/png" });
      const result =
        flavor === "stores"
          ? await stores.uploadAvatarStore(client).mutateAsync({ user_id: 5, file })
          : await runes.createUploadAvatar(client).mutateAsync({ user_id: 5, file });
      expect(result.id).toBe(5);
      await client.whenIdle();
      // upload_avatar affects `user`, scoped by user_id: only user 5 refetches.
      expect(await contextFetches()).toEqual(["user?user_id=5"]);
      five.destroy();
      six.destroy();
    });
  });

  describe(`${flavor}: forms`, () => {
    test("a field error shows before submit, and nothing is sent", async () => {
      const view = render(Contact, { client });
      const form = view.exports.form;
      expect(view.text()).toBe("valid");
      form.set("email", "not an email");
      expect(view.text()).not.toBe("valid");
      expect(await form.submit()).toBeUndefined();
      expect(await calls()).toEqual([]);
      form.set("email", "ada@shop.example");
      form.set("body", "Hello, I would like to know more.");
      expect(await form.validate()).toBe(true);
      expect(await form.submit()).toBe(true);
      expect(view.text()).toBe("valid");
      expect(await calls()).toEqual(["contact.validate", "contact.submit"]);
      view.destroy();
    });

    test("`set` then `submit()` at once sends the values just set", async () => {
      const view = render(Contact, { client });
      const form = view.exports.form;
      form.set("email", "ada@shop.example");
      form.set("body", "Set and sent at once.");
      expect(await form.submit()).toBe(true);
      expect(await calls()).toEqual(["contact.submit"]);
      expect(view.text()).toBe("valid");
      view.destroy();
    });
  });

  describe(`${flavor}: statuses`, () => {
    type Flags = { status: string; isPending: boolean; isSuccess: boolean; isError: boolean };
    const flags = (q: Flags) => `${q.status}:${q.isPending}/${q.isSuccess}/${q.isError}`;

    type State = Flags & { isIdle: boolean; data: { name?: string | undefined } | undefined };
    type Args = { user_id: number; name: string };
    /** The flavor's `update_profile` mutation: its state, `mutateAsync` and `reset`. */
    const updateProfile = (): [() => State, (args: Args) => Promise<{ name?: string | undefined }>, () => void] => {
      if (flavor === "stores") {
        const store = stores.updateProfileStore(client);
        return [() => get(store), store.mutateAsync, store.reset];
      }
      const mutation = runes.createUpdateProfile(client);
      return [() => mutation, mutation.mutateAsync, mutation.reset];
    };

    test("a mutation is `idle`, then `pending`, then `success`", async () => {
      const [read, mutateAsync, reset] = updateProfile();
      expect([flags(read()), read().isIdle]).toEqual(["idle:false/false/false", true]);
      const done = mutateAsync({ user_id: 5, name: "Ada" });
      expect([flags(read()), read().isIdle]).toEqual(["pending:true/false/false", false]);
      await done;
      expect(flags(read())).toBe("success:false/true/false");
      reset();
      expect([read().status, read().data]).toEqual(["idle", undefined]);
    });

    test("concurrent calls: pending while any flies, the newest call's result wins", async () => {
      const [read, mutateAsync] = updateProfile();
      // The older call is held back by the server; the newer one is not.
      await delay(500);
      const older = mutateAsync({ user_id: 5, name: "Old Name" });
      await callsArrived(1);
      await delay(0);
      const newer = await mutateAsync({ user_id: 5, name: "New Name" });
      expect(newer.name).toBe("New Name");
      // The older call is still in flight.
      expect([read().isPending, read().data?.name]).toEqual([true, "New Name"]);
      expect((await older).name).toBe("Old Name");
      expect([read().isPending, read().data?.name]).toEqual([false, "New Name"]);
    });

    test("a query is `pending` until its first fetch settles, then `success` or `error`", async () => {
      if (flavor === "stores") {
        const five = stores.userProfileStore(client, { user_id: 5 });
        const missing = stores.userProfileStore(client, { user_id: 999 });
        expect([flags(get(five)), flags(get(missing))]).toEqual([
          "pending:true/false/false",
          "pending:true/false/false",
        ]);
        let a = get(five);
        let b = get(missing);
        const stopA = five.subscribe((next) => (a = next));
        const stopB = missing.subscribe((next) => (b = next));
        await until(() => !a.isPending && !b.isPending, "both settled");
        expect([flags(a), flags(b)]).toEqual(["success:false/true/false", "error:false/false/true"]);
        stopA();
        stopB();
      } else {
        const view = render(RunesStatus, { client });
        expect(view.text()).toBe("pending:true/false/false pending:true/false/false");
        await until(() => !view.text().includes("pending"), "both settled");
        expect(view.text()).toBe("success:false/true/false error:false/false/true");
        view.destroy();
      }
    });
  });
}

/** Subscribes to a store until `stop`; `current()` is its latest value. */
function follow<T>(store: { subscribe(run: (value: T) => void): () => void }) {
  let value!: T;
  const stop = store.subscribe((next) => (value = next));
  return { current: () => value, stop };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The flavor's `update_profile` with an optimistic name, rolled back on error. */
function optimisticOptions() {
  return {
    onMutate: ({ user_id, name }: { user_id: number; name: string }) => {
      const previous = client.cache.get(userContext, { user_id })?.user_profile;
      client.cache.set(userContext, { user_id }, (old) =>
        old?.user_profile === undefined ? old : { ...old, user_profile: { ...old.user_profile, name } },
      );
      return previous;
    },
    onError: (_error: MizanError, { user_id }: { user_id: number }, previous: unknown) => {
      client.cache.set(userContext, { user_id }, (old) =>
        old === undefined || previous === undefined
          ? old
          : { ...old, user_profile: previous as NonNullable<typeof old.user_profile> },
      );
    },
  };
}

describe("stores: query options", () => {
  test("a disabled store sends nothing; an enabled one fetches", async () => {
    const off = follow(stores.userProfileStore(client, { user_id: 6 }, { enabled: false }));
    await pause(100);
    expect(await contextFetches()).toEqual([]);
    expect([off.current().status, off.current().isEnabled]).toEqual(["pending", false]);
    const on = follow(stores.userProfileStore(client, { user_id: 6 }));
    await until(() => on.current().data?.email === "grace@shop.example", "user 6");
    expect(await contextFetches()).toEqual(["user?user_id=6"]);
    off.stop();
    on.stop();
  });

  test("options as a store: disabled sends nothing until enabled", async () => {
    const options = writable({ enabled: false });
    const store = follow(stores.userProfileStore(client, { user_id: 6 }, options));
    await pause(100);
    expect(await contextFetches()).toEqual([]);
    options.set({ enabled: true });
    await until(() => store.current().data?.email === "grace@shop.example", "user 6 once enabled");
    expect(await contextFetches()).toEqual(["user?user_id=6"]);
    store.stop();
  });

  test("params as a store: keepPreviousData shows the previous user while the next one loads", async () => {
    const params = writable({ user_id: 5 });
    const store = follow(
      stores.userProfileStore(client, params, { placeholderData: stores.keepPreviousData }),
    );
    await until(() => store.current().data?.email === "ada@shop.example", "user 5");
    await delay(200);
    params.set({ user_id: 6 });
    expect([store.current().data?.email, store.current().isPlaceholderData]).toEqual(["ada@shop.example", true]);
    await until(() => store.current().data?.email === "grace@shop.example", "user 6");
    expect(store.current().isPlaceholderData).toBe(false);
    // The old params' entry, changed and invalidated: nothing shows, nothing is fetched.
    await delay(0);
    await resetServer();
    client.cache.set(userContext, { user_id: 5 }, (old) =>
      old === undefined ? old : { ...old, user_profile: { ...old.user_profile!, email: "changed@shop.example" } },
    );
    await client.cache.invalidate(userContext, { user_id: 5 });
    expect(store.current().data?.email).toBe("grace@shop.example");
    expect(await contextFetches()).toEqual([]);
    store.stop();
    expect(env.listeners()).toBe(0);
  });

  test("a channel store follows params given as a store", async () => {
    const params = writable({ room: "stores-a" });
    const chat = stores.chatChannelStore(client, params);
    const state = follow(chat);
    chat.send({ text: "in a" });
    const texts = (): string[] =>
      state.current().messages.map((m) => (m.kind === "message" ? `${m.room}:${m.text}` : m.kind));
    await until(() => texts().includes("stores-a:in a"), "the first room's message");
    params.set({ room: "stores-b" });
    expect(texts()).toEqual([]);
    chat.send({ text: "in b" });
    await until(() => texts().includes("stores-b:in b"), "the second room's message");
    expect(texts()).toEqual(["stores-b:in b"]);
    state.stop();
  });

  test("select derives the data, typed by what it returns", async () => {
    const store = follow(
      stores.userProfileStore(client, { user_id: 5 }, { select: (user) => user.email.toUpperCase() }),
    );
    await until(() => store.current().isSuccess, "the data");
    const upper: string | undefined = store.current().data;
    expect(upper).toBe("ADA@SHOP.EXAMPLE");
    store.stop();
  });

  test("focus refetches a stale read, not one with refetchOnWindowFocus: false", async () => {
    const five = follow(stores.userProfileStore(client, { user_id: 5 }, { staleTime: 0 }));
    const six = follow(
      stores.userProfileStore(client, { user_id: 6 }, { staleTime: 0, refetchOnWindowFocus: false }),
    );
    await until(() => five.current().isSuccess && six.current().isSuccess, "both users");
    await client.whenIdle();
    env.focus();
    await client.whenIdle();
    expect(await contextFetches()).toEqual(["user?user_id=5", "user?user_id=5", "user?user_id=6"]);
    five.stop();
    six.stop();
  });

  test("load() resolves once the read settled", async () => {
    const store = stores.userProfileStore(client, { user_id: 5 });
    const result = await store.load();
    expect([result.status, result.isFetching, result.data?.email]).toEqual(["success", false, "ada@shop.example"]);
    expect((await stores.userProfileStore(client, { user_id: 999 }).load()).error?.code).toBe("NOT_FOUND");
    // Settled, the store watches nothing any more.
    expect(env.listeners()).toBe(0);
  });

  test("a call's query store is cached by its args", async () => {
    const args = { email: "ada@shop.example", topic: "sales" as const, body: "Hello, I would like to know more." };
    const a = follow(stores.contactValidateQueryStore(client, args, { staleTime: 60_000 }));
    const b = follow(stores.contactValidateQueryStore(client, { ...args }, { staleTime: 60_000 }));
    await until(() => a.current().isSuccess && b.current().isSuccess, "both reports");
    expect([a.current().data?.ok, b.current().data]).toEqual([true, a.current().data]);
    const short = follow(stores.contactValidateQueryStore(client, { ...args, body: "short" }));
    await until(() => short.current().isSuccess, "the other report");
    expect(Object.keys(short.current().data?.errors ?? {})).toEqual(["body"]);
    expect(await calls()).toEqual(["contact.validate", "contact.validate"]);
    [a, b, short].forEach((s) => s.stop());
  });

  test("an optimistic update shows at once and is rolled back when the call fails", async () => {
    const profile = follow(stores.userProfileStore(client, { user_id: 5 }));
    await until(() => profile.current().data?.name === "Ada", "the name");
    const update = stores.updateProfileStore(client, optimisticOptions());
    const state = follow(update);
    await delay(300);
    const bad = "x".repeat(101);
    update.mutate({ user_id: 5, name: bad });
    await pause(0);
    expect(profile.current().data?.name).toBe(bad);
    expect((state.current().context as { name?: string } | undefined)?.name).toBe("Ada");
    await until(() => state.current().isError, "the refusal");
    expect(profile.current().data?.name).toBe("Ada");
    expect(state.current().variables?.name).toBe(bad);
    profile.stop();
    state.stop();
  });

  test("the last unsubscribe stops the observer: the focus listener goes back to zero", () => {
    const a = follow(stores.userProfileStore(client, { user_id: 5 }));
    const b = follow(stores.userOrdersStore(client, { user_id: 5 }));
    expect(env.listeners()).toBe(1);
    a.stop();
    expect(env.listeners()).toBe(1);
    b.stop();
    expect(env.listeners()).toBe(0);
  });
});

describe("runes: query options", () => {
  test("a disabled read sends nothing until enabled", async () => {
    const view = render(RunesQuery, { client, userId: 6, options: { enabled: false } });
    await pause(100);
    expect(await contextFetches()).toEqual([]);
    expect(view.text()).toBe("-|-|false|pending");
    view.exports.setEnabled(true);
    await until(() => view.text().startsWith("grace@shop.example"), "user 6 once enabled");
    expect(await contextFetches()).toEqual(["user?user_id=6"]);
    view.destroy();
  });

  test("keepPreviousData shows the previous user's data while the next one loads", async () => {
    const view = render(RunesQuery, { client, userId: 5, options: { placeholderData: runes.keepPreviousData } });
    await until(() => view.text() === "ada@shop.example|Ada|false|success", "user 5");
    await delay(200);
    view.exports.setUserId(6);
    expect(view.text()).toBe("ada@shop.example|Ada|true|success");
    await until(() => view.text().startsWith("grace@shop.example|"), "user 6");
    expect(view.text()).toContain("|false|success");
    view.destroy();
  });

  test("select derives the data, typed by what it returns", async () => {
    const view = render(RunesSelect, { client });
    await until(() => view.text() === "ADA@SHOP.EXAMPLE", "the selected email");
    view.destroy();
  });

  test("focus refetches a stale read, not one with refetchOnWindowFocus: false", async () => {
    const five = render(RunesQuery, { client, userId: 5, options: { staleTime: 0 } });
    const six = render(RunesQuery, { client, userId: 6, options: { staleTime: 0, refetchOnWindowFocus: false } });
    await until(() => five.text().includes("success") && six.text().includes("success"), "both users");
    await client.whenIdle();
    env.focus();
    await client.whenIdle();
    expect(await contextFetches()).toEqual(["user?user_id=5", "user?user_id=5", "user?user_id=6"]);
    five.destroy();
    six.destroy();
  });

  test("an #await block over the read's promise", async () => {
    const view = render(RunesAwait, { client, userId: 5 });
    expect(view.text().trim()).toBe("loading");
    await until(() => view.text().trim() === "ada@shop.example", "the data");
    const missing = render(RunesAwait, { client, userId: 999 });
    await until(() => missing.text().trim() === "error NOT_FOUND", "the error");
    view.destroy();
    missing.destroy();
  });

  test("a call's query form is cached by its args", async () => {
    const a = render(RunesSearch, { client });
    const b = render(RunesSearch, { client });
    await until(() => a.text() === "ok" && b.text() === "ok", "both reports");
    expect(await calls()).toEqual(["contact.validate"]);
    a.exports.setBody("short");
    await until(() => a.text() === "body", "the new args' report");
    a.exports.setBody("Hello, I would like to know more.");
    // Cached and fresh: shown at once, not asked again.
    expect(a.text()).toBe("ok");
    await client.whenIdle();
    expect(await calls()).toEqual(["contact.validate", "contact.validate"]);
    a.destroy();
    b.destroy();
  });

  test("an optimistic update shows at once and is rolled back when the call fails", async () => {
    const view = render(RunesQuery, { client, userId: 5 });
    await until(() => view.text().includes("|Ada|"), "the name");
    const update = runes.createUpdateProfile(client, optimisticOptions());
    await delay(300);
    const bad = "x".repeat(101);
    update.mutate({ user_id: 5, name: bad });
    await pause(0);
    expect(view.text()).toContain(`|${bad}|`);
    expect(update.variables?.name).toBe(bad);
    await until(() => update.isError, "the refusal");
    expect(view.text()).toContain("|Ada|");
    view.destroy();
  });

  test("destroying the component unsubscribes: the focus listener goes back to zero", async () => {
    const view = render(RunesQuery, { client, userId: 5 });
    const search = render(RunesSearch, { client });
    expect(env.listeners()).toBe(1);
    view.destroy();
    search.destroy();
    flushSync();
    expect(env.listeners()).toBe(0);
  });

  test("after a param switch, a change to the old params' entry shows nowhere", async () => {
    const view = render(RunesQuery, { client, userId: 5 });
    await until(() => view.text().startsWith("ada@"), "user 5");
    view.exports.setUserId(6);
    await until(() => view.text().startsWith("grace@"), "user 6");
    await resetServer();
    client.cache.set(userContext, { user_id: 5 }, (old) =>
      old === undefined ? old : { ...old, user_profile: { ...old.user_profile!, email: "changed@shop.example" } },
    );
    await client.cache.invalidate(userContext, { user_id: 5 });
    expect(view.text()).toBe("grace@shop.example|Grace|false|success");
    expect(await contextFetches()).toEqual([]);
    view.destroy();
  });
});

describe("stores: mutations and channels", () => {
  test("a server error lands in the store as a MizanError", async () => {
    const update = stores.updateProfileStore(client);
    update.mutate({ user_id: 5, name: "x".repeat(101) });
    await until(() => get(update).error !== null, "the error");
    const error = get(update).error;
    expect(error).toBeInstanceOf(MizanError);
    expect(error?.code).toBe("VALIDATION_ERROR");
    update.reset();
    expect(get(update).error).toBeNull();
  });

  test("a channel store subscribes while it has subscribers", async () => {
    const channel = stores.announcementsChannelStore(client);
    let state = get(channel);
    const stop = channel.subscribe((next) => (state = next));
    await until(() => state.messages.includes("Welcome to the shop"), "the welcome");
    expect(state.status).toBe("open");
    stop();
    expect(() => channel.send(undefined as never)).toThrow(/closed/);
  });

  test("a channel store queues sends until open, keeps `buffer` messages, throws once left", async () => {
    const chat = stores.chatChannelStore(client, { room: "stores" }, { buffer: 2 });
    // No subscriber yet: queued until the store starts.
    chat.send({ text: "one" });
    let state = get(chat);
    const stop = chat.subscribe((next) => (state = next));
    chat.send({ text: "two" });
    chat.send({ text: "three" });
    const texts = (): string[] => state.messages.map((m) => (m.kind === "message" ? m.text : m.kind));
    await until(() => texts().includes("three"), "the queued messages");
    expect(texts()).toEqual(["two", "three"]);
    expect(state.status).toBe("open");
    stop();
    expect(() => chat.send({ text: "late" })).toThrow(MizanError);
    expect(() => chat.send({ text: "late" })).toThrow("the channel is closed");
  });

  test("a channel store keeps the newest 100 messages by default", async () => {
    const chat = stores.chatChannelStore(client, { room: "stores-default" });
    let state = get(chat);
    const stop = chat.subscribe((next) => (state = next));
    for (let i = 1; i <= 103; i++) chat.send({ text: `m${i}` });
    const texts = (): string[] => state.messages.map((m) => (m.kind === "message" ? m.text : m.kind));
    await until(() => texts().includes("m103"), "the last message");
    expect([texts().length, texts()[0]]).toEqual([100, "m4"]);
    stop();
  });
});

describe("runes: mutations and channels", () => {
  test("a server error lands in `error` as a MizanError", async () => {
    const update = runes.createUpdateProfile(client);
    await expect(update.mutateAsync({ user_id: 5, name: "x".repeat(101) })).rejects.toBeInstanceOf(
      MizanError,
    );
    expect(update.error?.code).toBe("VALIDATION_ERROR");
  });

  test("a channel opens with its component and shows messages", async () => {
    const view = render(RunesAnnouncements, { client });
    await until(() => view.text().includes("Welcome to the shop"), "the welcome");
    expect(view.text()).toContain("open");
    view.destroy();
  });

  test("a channel keeps the newest 100 messages by default", async () => {
    const view = render(RunesChat, { client, count: 103 });
    await until(() => view.text().includes("m103"), "the last message");
    expect(view.text()).toBe(`open ${Array.from({ length: 100 }, (_, i) => `m${i + 4}`).join(" ")}`);
    view.destroy();
  });

  test("a channel sent to while its component initializes queues, keeps `buffer` messages", async () => {
    const view = render(RunesChat, { client });
    await until(() => view.text().includes("three"), "the queued messages");
    expect(view.text()).toBe("open two three");
    const { send } = view.exports;
    view.destroy();
    expect(() => send("late")).toThrow(MizanError);
  });
});
