// The generated Vue bindings for shop.kdl, mounted in happy-dom and talking
// to the live protocol server.
import { flushPromises, mount } from "@vue/test-utils";
import { afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { defineComponent, h, ref, Suspense } from "vue";
import { WebSocket } from "ws";
import {
  MizanError,
  type QueryEnvironment,
  type QueryResult,
  type SocketConstructor,
} from "./gen/stage1/runtime/index.js";
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
  keepPreviousData,
  useAnnouncementsChannel,
  useContactValidateQuery,
  useChatChannel,
  useContactForm,
  useProductList,
  useUpdateProfile,
  useUploadAvatar,
  useMizanClient,
  useUserOrders,
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
  userContext,
} from "./gen/stage1/index.js";

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
  env = testEnvironment();
  options = {
    baseUrl,
    headers: () => ({ Authorization: "Bearer test-token" }),
    WebSocket: WebSocket as unknown as SocketConstructor,
    environment: env,
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

describe("query options", () => {
  test("a disabled read sends nothing until enabled (the read's option wins over the plugin's default)", async () => {
    const enabled = ref(false);
    const wrapper = mount(
      defineComponent({
        setup() {
          const off = useUserProfile({ user_id: 5 });
          const profile = useUserProfile({ user_id: 6 }, () => ({ enabled: enabled.value }));
          return () =>
            h("p", `${off.status.value} ${off.isEnabled.value} ${profile.status.value} ${profile.data.value?.email ?? "-"}`);
        },
      }),
      { global: { plugins: [createMizan(client, { defaultQueryOptions: { enabled: false } })] } },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await contextFetches()).toEqual([]);
    expect(wrapper.text()).toBe("pending false pending -");
    enabled.value = true;
    await until(() => wrapper.text().includes("grace@shop.example"), "user 6 once enabled");
    expect(await contextFetches()).toEqual(["user?user_id=6"]);
    wrapper.unmount();
  });

  test("keepPreviousData shows the previous user's data while the next one loads", async () => {
    const userId = ref(5);
    const seen: string[] = [];
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          const profile = useUserProfile(() => ({ user_id: userId.value }), {
            placeholderData: keepPreviousData,
          });
          return () => {
            const text = `${profile.data.value?.email ?? "-"} ${profile.isPlaceholderData.value}`;
            seen.push(text);
            return h("p", text);
          };
        },
      }),
    );
    await until(() => wrapper.text() === "ada@shop.example false", "user 5");
    await delay(200);
    userId.value = 6;
    await flushPromises();
    expect(wrapper.text()).toBe("ada@shop.example true");
    await until(() => wrapper.text() === "grace@shop.example false", "user 6");
    // Never a render without data once the first user loaded.
    expect(seen.slice(seen.indexOf("ada@shop.example false"))).not.toContain("- false");
    wrapper.unmount();
  });

  test("select derives the data, typed by what it returns", async () => {
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          const email = useUserProfile({ user_id: 5 }, { select: (user) => user.email.toUpperCase() });
          const upper: string | undefined = email.data.value;
          return () => h("p", upper ?? email.data.value ?? "-");
        },
      }),
    );
    await until(() => wrapper.text() === "ADA@SHOP.EXAMPLE", "the selected email");
    wrapper.unmount();
  });

  test("focus refetches a stale read, not one with refetchOnWindowFocus: false", async () => {
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          const five = useUserProfile({ user_id: 5 }, { staleTime: 0 });
          const six = useUserProfile({ user_id: 6 }, { staleTime: 0, refetchOnWindowFocus: false });
          return () => h("p", `${five.data.value?.email} ${six.data.value?.email}`);
        },
      }),
    );
    await until(() => !wrapper.text().includes("undefined"), "both users");
    await client.whenIdle();
    expect(await contextFetches()).toEqual(["user?user_id=5", "user?user_id=6"]);
    env.focus();
    await client.whenIdle();
    expect(await contextFetches()).toEqual(["user?user_id=5", "user?user_id=5", "user?user_id=6"]);
    wrapper.unmount();
  });

  test("`await read.suspense()` in an async setup renders with data under <Suspense>", async () => {
    const renders: string[] = [];
    let settled: QueryResult<UserProfile> | undefined;
    const Async = defineComponent({
      async setup() {
        const profile = useUserProfile({ user_id: 5 });
        settled = await profile.suspense();
        return () => {
          renders.push(profile.data.value?.email ?? "-");
          return h("p", renders[renders.length - 1]);
        };
      },
    });
    const wrapper = mountWithPlugin(
      defineComponent({ setup: () => () => h(Suspense, null, { default: () => h(Async), fallback: () => h("p", "fallback") }) }),
    );
    expect(wrapper.text()).toBe("fallback");
    await until(() => wrapper.text() === "ada@shop.example", "the async component");
    expect(renders[0]).toBe("ada@shop.example");
    expect(settled?.status).toBe("success");
    expect(settled?.isFetching).toBe(false);
    wrapper.unmount();
  });

  test("a query form of a call is cached by its args", async () => {
    const body = ref("Hello, I would like to know more.");
    const View = defineComponent({
      setup() {
        const report = useContactValidateQuery(
          () => ({ email: "ada@shop.example", topic: "sales" as const, body: body.value }),
          { staleTime: 60_000, select: (r) => (r.ok ? "ok" : Object.keys(r.errors).join(",")) },
        );
        return () => h("p", report.data.value ?? "-");
      },
    });
    const wrapper = mountWithPlugin(defineComponent({ setup: () => () => h("div", [h(View), h(View)]) }));
    await until(() => wrapper.text() === "okok", "both reports");
    expect(await calls()).toEqual(["contact.validate"]);
    body.value = "short";
    await until(() => wrapper.text() === "bodybody", "the new args' report");
    body.value = "Hello, I would like to know more.";
    await flushPromises();
    // Cached and fresh: shown at once, not asked again.
    expect(wrapper.text()).toBe("okok");
    await client.whenIdle();
    expect(await calls()).toEqual(["contact.validate", "contact.validate"]);
    wrapper.unmount();
  });
});

describe("lifecycle", () => {
  test("unmounting unsubscribes: the client's focus listener goes back to zero", async () => {
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          useUserProfile({ user_id: 5 });
          useUserOrders({ user_id: 5 });
          useContactValidateQuery({ email: "ada@shop.example", topic: "sales", body: "Hello there, friends." });
          return () => h("p");
        },
      }),
    );
    expect(env.listeners()).toBe(1);
    wrapper.unmount();
    expect(env.listeners()).toBe(0);
  });

  test("after a param switch, a change to the old params' entry shows nowhere", async () => {
    const userId = ref(5);
    const wrapper = mount(
      defineComponent({ setup: () => () => h(Profile, { userId: userId.value }) }),
      { global: { plugins: [createMizan(client)] } },
    );
    await until(() => wrapper.text().includes("ada@shop.example"), "user 5");
    userId.value = 6;
    await until(() => wrapper.text().includes("grace@shop.example"), "user 6");
    await resetServer();
    client.cache.set(userContext, { user_id: 5 }, (old) =>
      old === undefined ? old : { ...old, user_profile: { ...old.user_profile!, email: "changed@shop.example" } },
    );
    await client.cache.invalidate(userContext, { user_id: 5 });
    await flushPromises();
    expect(wrapper.text()).toBe("grace@shop.example");
    // Nobody watches user 5 any more: the invalidation refetches nothing.
    expect(await contextFetches()).toEqual([]);
    wrapper.unmount();
  });
});

describe("mutations", () => {
  test("an optimistic update shows at once and is rolled back when the call fails", async () => {
    const Name = defineComponent({
      setup() {
        const profile = useUserProfile({ user_id: 5 });
        return () => h("p", { class: "name" }, profile.data.value?.name ?? "-");
      },
    });
    let update!: MizanMutation<{ user_id: number; name: string }, UserProfile, UserProfile | undefined>;
    const wrapper = mountWithPlugin(
      defineComponent({
        setup() {
          const cache = useMizanClient().cache;
          update = useUpdateProfile({
            onMutate: ({ user_id, name }) => {
              const previous = cache.get(userContext, { user_id })?.user_profile;
              cache.set(userContext, { user_id }, (old) =>
                old?.user_profile === undefined ? old : { ...old, user_profile: { ...old.user_profile, name } },
              );
              return previous;
            },
            onError: (_error, { user_id }, previous) => {
              cache.set(userContext, { user_id }, (old) =>
                old === undefined || previous === undefined ? old : { ...old, user_profile: previous },
              );
            },
          });
          return () => h("div", [h(Name), h("p", update.status.value)]);
        },
      }),
    );
    await until(() => wrapper.find(".name").text() === "Ada", "the name");
    await delay(300);
    // Over 100 characters: the server refuses it.
    const bad = "x".repeat(101);
    update.mutate({ user_id: 5, name: bad });
    await flushPromises();
    expect(wrapper.find(".name").text()).toBe(bad);
    expect(update.variables.value?.name).toBe(bad);
    expect(update.context.value?.name).toBe("Ada");
    await until(() => update.isError.value, "the refusal");
    expect(wrapper.find(".name").text()).toBe("Ada");
    expect(update.error.value?.code).toBe("VALIDATION_ERROR");
    wrapper.unmount();
  });


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
