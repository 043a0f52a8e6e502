// The generated Vue bindings for shop.kdl, mounted in happy-dom and talking
// to the live protocol server.
import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { defineComponent, h, ref } from "vue";
import { WebSocket } from "ws";
import { MizanError, type SocketConstructor } from "./gen/stage1/runtime/index.js";
import {
  baseUrl,
  calls,
  callsArrived,
  contextFetches,
  delay,
  origin,
  resetServer,
  serverLog,
  until as waitFor,
} from "../dom/server.ts";
import {
  createMizan,
  useAnnouncementsChannel,
  useChatChannel,
  useContactForm,
  useProductList,
  useUpdateProfile,
  useUploadAvatar,
  useMizanClient,
  useUserProfile,
  type MizanForm,
  type MizanMutation,
  type MizanOptions,
} from "./gen/vue/index.js";
import {
  createClient,
  type ContactSubmitArgs,
  type MizanClient,
  type UploadAvatarArgs,
  type UserProfile,
} from "./gen/stage1/index.js";

let options: MizanOptions;
/** The test's client, shared by every component it mounts (`createMizan(client)`). */
let client: MizanClient;

beforeAll(() => {
  // Same origin as the server, so happy-dom's fetch applies no CORS.
  window.happyDOM.setURL(origin);
});
afterEach(() => client.close());
beforeEach(async () => {
  await resetServer();
  options = {
    baseUrl,
    headers: () => ({ Authorization: "Bearer test-token" }),
    WebSocket: WebSocket as unknown as SocketConstructor,
  };
  client = createClient(options);
});

async function until(condition: () => boolean, what: string): Promise<void> {
  await waitFor(condition, what);
  await flushPromises();
}

const Profile = defineComponent({
  props: { userId: { type: Number, required: true } },
  setup(props) {
    const profile = useUserProfile(() => ({ user_id: props.userId }));
    return () =>
      h("p", { class: "profile" }, [
        profile.isPending.value ? "loading" : "",
        profile.data.value?.email ?? "",
        profile.error.value === null ? "" : `error ${profile.error.value.code}`,
      ]);
  },
});

function mountWithPlugin(component: ReturnType<typeof defineComponent>, props = {}) {
  return mount(component, { props, global: { plugins: [createMizan(client)] } });
}

describe("contexts", () => {
  test("data loads, and follows reactive params", async () => {
    const userId = ref(5);
    const wrapper = mount(
      defineComponent({ setup: () => () => h(Profile, { userId: userId.value }) }),
      { global: { plugins: [createMizan(options)] } },
    );
    expect(wrapper.text()).toContain("loading");
    await until(() => wrapper.text().includes("ada@shop.example"), "user 5");
    userId.value = 6;
    await until(() => wrapper.text().includes("grace@shop.example"), "user 6");
    wrapper.unmount();
  });

  test("a missing entry surfaces as a MizanError", async () => {
    let seen: unknown = null;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          const profile = useUserProfile({ user_id: 999 });
          return () => {
            seen = profile.error.value;
            return h("p", profile.status.value);
          };
        },
      }),
    );
    await until(() => wrapper.text() === "error", "the error");
    expect(seen).toBeInstanceOf(MizanError);
    expect((seen as MizanError).code).toBe("NOT_FOUND");
    wrapper.unmount();
  });

  test("the plugin provides the client it is given, or one it creates from options", () => {
    let seen: MizanClient | null = null;
    const Probe = defineComponent({
      setup() {
        seen = useMizanClient();
        return () => h("p");
      },
    });
    mount(Probe, { global: { plugins: [createMizan(client)] } }).unmount();
    expect(seen).toBe(client);
    const plugin = createMizan(options);
    mount(Probe, { global: { plugins: [plugin] } }).unmount();
    expect(seen).toBe(plugin.client);
    expect(plugin.client).not.toBe(client);
    plugin.client.close();
  });

  test("a query's status is `pending` until its first fetch settles, then `success` or `error`", async () => {
    const seen: string[] = [];
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          const five = useUserProfile({ user_id: 5 });
          const missing = useUserProfile({ user_id: 999 });
          return () => {
            const flags = (q: typeof five) =>
              `${q.status.value}:${q.isPending.value}/${q.isSuccess.value}/${q.isError.value}`;
            seen.push(`${flags(five)} ${flags(missing)}`);
            return h("p", seen[seen.length - 1]);
          };
        },
      }),
    );
    expect(seen[0]).toBe("pending:true/false/false pending:true/false/false");
    await until(
      () => wrapper.text() === "success:false/true/false error:false/false/true",
      "both settled",
    );
    wrapper.unmount();
  });

  test("the plugin starts the session once installed; calls wait for it", async () => {
    // No bearer token: the call is signed in only by the session (cookie + CSRF token).
    const anonymous = createClient({ baseUrl });
    let update!: MizanMutation<{ user_id: number; name: string }, UserProfile>;
    const Caller = defineComponent({
      setup() {
        update = useUpdateProfile();
        // At once, while the (slow) session request is in flight.
        update.mutate({ user_id: 5, name: "Ada" });
        return () => h("p", update.error.value?.code ?? update.data.value?.name ?? "waiting");
      },
    });
    await delay(200);
    const wrapper = mount(Caller, { global: { plugins: [createMizan(anonymous)] } });
    await until(() => wrapper.text() !== "waiting", "the call");
    expect(wrapper.text()).toBe("Ada");
    const log = (await serverLog()).map((e) => `${e.method} ${e.path.replace(baseUrl.replace(origin, ""), "")}`);
    expect(log).toEqual(["GET /session/", "POST /call/"]);
    wrapper.unmount();
    anonymous.close();
    // `session: false` starts none.
    await resetServer();
    const Quiet = defineComponent({
      setup() {
        useUpdateProfile();
        return () => h("p");
      },
    });
    mount(Quiet, { global: { plugins: [createMizan(client, { session: false })] } }).unmount();
    expect((await serverLog()).some((e) => e.path.endsWith("/session/"))).toBe(false);
  });

  test("without the plugin, composables fail with a clear error", () => {
    expect(() => mount(Profile, { props: { userId: 5 } })).toThrow(
      /app\.use\(createMizan\(\)\)/,
    );
  });
});

describe("mutations", () => {
  test("a mutation refetches exactly the affected context entry", async () => {
    let upload!: MizanMutation<UploadAvatarArgs, UserProfile>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          upload = useUploadAvatar();
          const products = useProductList({});
          return () =>
            h("div", [
              h(Profile, { userId: 5 }),
              h(Profile, { userId: 6 }),
              h("p", `${products.data.value?.length ?? "-"} products`),
            ]);
        },
      }),
    );
    await until(
      () =>
        wrapper.text().includes("grace@shop.example") &&
        wrapper.text().includes("ada@shop.example") &&
        wrapper.text().includes("3 products"),
      "both users and the catalog",
    );
    await resetServer();
    const result = await upload.mutateAsync({
      user_id: 5,
      file: new Blob(["avatar"], { type: "image/png" }),
    });
    expect(result.id).toBe(5);
    expect(upload.data.value?.id).toBe(5);
    await client.whenIdle();
    // upload_avatar affects `user`, scoped by user_id: only user 5 refetches.
    expect(await contextFetches()).toEqual(["user?user_id=5"]);
    wrapper.unmount();
  });

  test("status is `idle`, then `pending`, then `success`", async () => {
    let update!: MizanMutation<{ user_id: number; name: string }, UserProfile>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          update = useUpdateProfile();
          return () => h("p", update.status.value);
        },
      }),
    );
    expect([update.status.value, update.isIdle.value]).toEqual(["idle", true]);
    const done = update.mutateAsync({ user_id: 5, name: "Ada" });
    expect([update.status.value, update.isPending.value]).toEqual(["pending", true]);
    await done;
    expect([update.status.value, update.isSuccess.value]).toEqual(["success", true]);
    update.reset();
    expect(update.status.value).toBe("idle");
    wrapper.unmount();
  });

  test("concurrent calls: pending while any flies, the newest call's result wins", async () => {
    let update!: MizanMutation<{ user_id: number; name: string }, UserProfile>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          update = useUpdateProfile();
          return () => h("p", String(update.isPending.value));
        },
      }),
    );
    // The older call is held back by the server; the newer one is not.
    await delay(500);
    const older = update.mutateAsync({ user_id: 5, name: "Old Name" });
    await callsArrived(1);
    await delay(0);
    const newer = await update.mutateAsync({ user_id: 5, name: "New Name" });
    expect(newer.name).toBe("New Name");
    // The older call is still in flight.
    expect([update.isPending.value, update.data.value?.name]).toEqual([true, "New Name"]);
    expect((await older).name).toBe("Old Name");
    expect([update.isPending.value, update.data.value?.name]).toEqual([false, "New Name"]);
    expect(update.status.value).toBe("success");
    wrapper.unmount();
  });

  test("a server error lands in `error` as a MizanError", async () => {
    let update!: MizanMutation<{ user_id: number; name: string }, UserProfile>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          update = useUpdateProfile();
          return () => h("p", update.error.value?.code ?? "no error");
        },
      }),
    );
    update.mutate({ user_id: 5, name: "x".repeat(101) });
    await until(() => wrapper.text() === "VALIDATION_ERROR", "the error");
    expect(update.error.value).toBeInstanceOf(MizanError);
    expect(update.error.value?.fieldErrors()["name"]).toBeDefined();
    update.reset();
    await flushPromises();
    expect(wrapper.text()).toBe("no error");
    wrapper.unmount();
  });
});

describe("forms", () => {
  test("a field error shows before submit, and nothing is sent", async () => {
    let form!: MizanForm<ContactSubmitArgs, boolean>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          form = useContactForm({ topic: "support" });
          return () => h("p", form.errors.value.email?.[0] ?? "valid");
        },
      }),
    );
    expect(wrapper.text()).toBe("valid");
    form.set("email", "not an email");
    await flushPromises();
    expect(wrapper.text()).not.toBe("valid");
    expect(form.errors.value.body).toBeUndefined();
    expect(await form.submit()).toBeUndefined();
    expect(form.errors.value.body?.length).toBeGreaterThan(0);
    expect(await calls()).toEqual([]);

    form.set("email", "ada@shop.example");
    form.set("body", "Hello, I would like to know more.");
    expect(await form.validate()).toBe(true);
    expect(await form.submit()).toBe(true);
    expect(form.data.value).toBe(true);
    expect(await calls()).toEqual(["contact.validate", "contact.submit"]);
    wrapper.unmount();
  });
});

describe("forms: values read when called", () => {
  test("`set` then `submit()` at once sends the values just set", async () => {
    let form!: MizanForm<ContactSubmitArgs, boolean>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          form = useContactForm({ topic: "support" });
          return () => h("p", JSON.stringify(form.errors.value));
        },
      }),
    );
    form.set("email", "ada@shop.example");
    form.set("body", "Set and sent at once.");
    expect(await form.submit()).toBe(true);
    expect(await calls()).toEqual(["contact.submit"]);
    expect(wrapper.text()).toBe("{}");
    wrapper.unmount();
  });
});

describe("channels", () => {
  test("messages arrive and the status follows the socket", async () => {
    let channel!: ReturnType<typeof useAnnouncementsChannel>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          channel = useAnnouncementsChannel();
          return () => h("p", [channel.status.value, ...channel.messages.value]);
        },
      }),
    );
    await until(() => wrapper.text().includes("Welcome to the shop"), "the welcome");
    expect(channel.status.value).toBe("open");
    wrapper.unmount();
  });

  test("send queues until open, `buffer` keeps the newest, send after unmount throws", async () => {
    let chat!: ReturnType<typeof useChatChannel>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          chat = useChatChannel({ room: "vue" }, { buffer: 2 });
          // Before the socket even opened: queued, not dropped, not thrown.
          for (const text of ["one", "two", "three"]) chat.send({ text });
          return () => h("p", chat.status.value);
        },
      }),
    );
    const texts = (): string[] =>
      chat.messages.value.map((m) => (m.kind === "message" ? m.text : m.kind));
    await until(() => texts().includes("three"), "the queued messages");
    expect(texts()).toEqual(["two", "three"]);
    expect(chat.status.value).toBe("open");
    wrapper.unmount();
    expect(() => chat.send({ text: "late" })).toThrow(MizanError);
    expect(() => chat.send({ text: "late" })).toThrow("the channel is closed");
  });

  test("`messages` keeps the newest 100 by default", async () => {
    let chat!: ReturnType<typeof useChatChannel>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          chat = useChatChannel({ room: "vue-default" });
          for (let i = 1; i <= 103; i++) chat.send({ text: `m${i}` });
          return () => h("p", chat.status.value);
        },
      }),
    );
    const texts = (): string[] =>
      chat.messages.value.map((m) => (m.kind === "message" ? m.text : m.kind));
    await until(() => texts().includes("m103"), "the last message");
    expect(texts().length).toBe(100);
    expect(texts()[0]).toBe("m4");
    wrapper.unmount();
  });
});
