// A hand-written consumer of the Svelte store bindings' query and mutation
// options (TanStack Query's), for the shop fixture. It must pass
// svelte-check; every `@ts-expect-error` line must be exactly one error.
import { writable } from "svelte/store";
import { createClient, userContext, type UserProfile } from "./gen/shop/stage1/index";
import {
  contactValidateQueryStore,
  keepPreviousData,
  updateProfileStore,
  userProfileStore,
  type MizanQueryStore,
} from "./gen/shop/svelte/index";

export async function use(): Promise<void> {
  const client = createClient({ defaultQueryOptions: { staleTime: 30_000 } });
  const profile: MizanQueryStore<UserProfile> = userProfileStore(
    client,
    { user_id: 5 },
    { enabled: true, placeholderData: keepPreviousData, refetchOnWindowFocus: "always" },
  );
  // Params and options as stores, followed while the store is subscribed.
  const params = writable({ user_id: 5 });
  const options = writable({ enabled: false, placeholderData: keepPreviousData });
  const following: MizanQueryStore<UserProfile> = userProfileStore(client, params, options);
  params.set({ user_id: 6 });
  const email: MizanQueryStore<string> = userProfileStore(client, { user_id: 5 }, { select: (u) => u.email });
  const loaded = await email.load();
  const first: string | undefined = loaded.data;
  const report = contactValidateQueryStore(
    client,
    { email: "ada@shop.example", topic: "sales", body: "Hello there, friends." },
    { select: (r) => r.ok, staleTime: 60_000 },
  );
  const update = updateProfileStore(client, {
    onMutate: ({ user_id }) => client.cache.get(userContext, { user_id }),
    onError: (_error, { user_id }, previous) => void client.cache.set(userContext, { user_id }, previous),
  });
  update.mutate({ user_id: 5, name: "Ada" });
  void [profile, first, report, following];

  // @ts-expect-error select's result is a string, not a UserProfile
  const wrong: MizanQueryStore<UserProfile> = userProfileStore(client, { user_id: 1 }, { select: (u) => u.email });
  // @ts-expect-error staleTime is a number of ms
  userProfileStore(client, { user_id: 1 }, { staleTime: "1m" });
  // @ts-expect-error onMutate's context (a number) reaches onError
  updateProfileStore(client, { onMutate: () => 1, onError: (_e, _v, context) => context?.toUpperCase() });
  // @ts-expect-error a query form's args are the call's args
  contactValidateQueryStore(client, { email: "ada@shop.example" });
  // @ts-expect-error a params store holds the context's params
  userProfileStore(client, writable({ page: 2 }));
  void wrong;
}
