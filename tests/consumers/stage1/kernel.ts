// A hand-written consumer of the kernel's query observers, typed cache and
// mutation observers, typed from the shop fixture's generated context types.
// It must type-check; every `@ts-expect-error` line must be exactly one error.
import {
  callSetNickname,
  createClient,
  type CatalogBundle,
  type SetNicknameArgs,
  type UserBundle,
  type UserParams,
  type UserProfile,
} from "./gen/shop/index";
import { contextKey, keepPreviousData, type MizanClient, type QueryResult } from "./gen/shop/runtime/index";

const user = contextKey<UserParams, UserBundle>("user");

export function typedCache(client: MizanClient): unknown[] {
  const bundle: UserBundle | undefined = client.cache.get(user, { user_id: 5 });
  const written = client.cache.set(user, { user_id: 5 }, (old) => old && { ...old, user_orders: [] });
  void client.cache.invalidate(user, { user_id: 5 });
  void client.cache.cancel(user);
  // A plain name: the bundle type is given (or unknown).
  const plain: UserBundle | undefined = client.cache.get<UserBundle>("user", { user_id: 5 });
  const loose: unknown = client.cache.get("user", {});

  // @ts-expect-error user_id must be a number
  client.cache.get(user, { user_id: "5" });
  // @ts-expect-error the user context's bundle is no catalog
  const wrong: CatalogBundle | undefined = client.cache.get(user, { user_id: 5 });
  // @ts-expect-error an updater returns the whole bundle
  client.cache.set(user, { user_id: 5 }, (old) => old?.user_profile);
  // @ts-expect-error slug is not a param of the user context
  void client.cache.invalidate(user, { slug: "red-mug" });
  return [bundle, written, plain, loose, wrong];
}

export function typedObservers(client: MizanClient): unknown[] {
  const whole = client.observe(user, { user_id: 5 }, { placeholderData: keepPreviousData, staleTime: 1000 });
  const bundle: UserBundle | undefined = whole.getSnapshot().data;
  const names = client.observe(user, { user_id: 5 }, { select: (b) => b.user_profile.nickname });
  const nickname: string | null | undefined = names.getSnapshot().data;
  const result: QueryResult<string | null> = names.getSnapshot();
  // What a binding's slot hook generates: a plain name, its bundle and the slot as types.
  const slot = client.observe<UserBundle, UserProfile>("user", { user_id: 5 }, { select: (b) => b.user_profile });
  const profile: UserProfile | undefined = slot.getSnapshot().data;
  slot.setOptions({ user_id: 6 }, { enabled: false, refetchInterval: false, retry: (count) => count < 2 });

  // @ts-expect-error data is what select returns, not the bundle
  const notBundle: UserBundle | undefined = names.getSnapshot().data;
  // @ts-expect-error a query's status is never idle
  const idle = result.status === "idle";
  // @ts-expect-error select takes the key's bundle
  client.observe(user, { user_id: 5 }, { select: (b: CatalogBundle) => b.product_list });
  // @ts-expect-error refetchOnWindowFocus is a boolean or "always"
  client.observe(user, { user_id: 5 }, { refetchOnWindowFocus: "never" });
  return [bundle, nickname, profile, notBundle, idle];
}

export async function typedMutation(): Promise<unknown[]> {
  const client = createClient();
  const mutation = client.mutation({
    mutationFn: (args: SetNicknameArgs) => callSetNickname(client, args),
    onMutate: ({ user_id }) => ({ previous: client.cache.get(user, { user_id }) }),
    onError: (error, { user_id }, context) => {
      const code: string = error.code;
      client.cache.set(user, { user_id }, context?.previous);
      return code;
    },
  });
  const saved: UserProfile = await mutation.mutateAsync({ user_id: 5, nickname: "Ada" });
  const snapshot = mutation.getSnapshot();
  const variables: SetNicknameArgs | undefined = snapshot.variables;
  const status: "idle" | "pending" | "success" | "error" = snapshot.status;
  mutation.mutate({ user_id: 5, nickname: null }, { onSuccess: (profile) => profile.nickname });
  mutation.reset();

  // @ts-expect-error user_id is required
  mutation.mutate({ nickname: "Ada" });
  // @ts-expect-error the context is what onMutate returned
  mutation.mutate({ user_id: 5, nickname: "x" }, { onError: (_e, _v, context) => context?.missing });
  // @ts-expect-error data is a UserProfile
  const count: number | undefined = snapshot.data;
  return [saved, variables, status, count];
}
