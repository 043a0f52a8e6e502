// The generated Svelte bindings for shop.kdl, both flavors, mounted in
// happy-dom and talking to the live protocol server.
import { flushSync, mount, unmount, type Component } from "svelte";
import { get } from "svelte/store";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import { MizanError, type SocketConstructor } from "./gen/stage1/runtime/index.js";
import { createClient, type MizanClient } from "./gen/stage1/index.js";
import * as stores from "./gen/svelte/index.js";
import * as runes from "./gen/svelte-runes/index.js";
import RunesAnnouncements from "./RunesAnnouncements.svelte";
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
/** The test's client: every store and component of the test is given it. */
let client: MizanClient;
afterEach(() => client.close());
beforeEach(async () => {
  await resetServer();
  client = createClient({
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
