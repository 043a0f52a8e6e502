// A hand-written consumer of the Svelte runes bindings' query and mutation
// options (TanStack Query's, as getters), for the shop fixture. It must
// pass svelte-check; every `@ts-expect-error` line must be exactly one error.
import { createClient, userContext, type UserProfile } from "./gen/shop/stage1/index";
import {
  createContactValidateQuery,
  createUpdateProfile,
  createUserProfile,
  keepPreviousData,
  type MizanQuery,
} from "./gen/shop/svelte-runes/index";

export function use(): void {
  const client = createClient({ defaultQueryOptions: { staleTime: 30_000 } });
  let userId = $state(5);
  const profile: MizanQuery<UserProfile> = createUserProfile(
    client,
    () => ({ user_id: userId }),
    () => ({ enabled: userId > 0, placeholderData: keepPreviousData }),
  );
  const email: MizanQuery<string> = createUserProfile(
    client,
    () => ({ user_id: userId }),
    () => ({ select: (u) => u.email }),
  );
  const awaited: Promise<string> = email.promise;
  const ok: boolean | undefined = createContactValidateQuery(
    client,
    () => ({ email: "ada@shop.example", topic: "sales", body: "Hello there, friends." }),
    () => ({ select: (r) => r.ok }),
  ).data;
  const update = createUpdateProfile(client, {
    onMutate: ({ user_id }) => client.cache.get(userContext, { user_id }),
    onError: (_error, { user_id }, previous) => void client.cache.set(userContext, { user_id }, previous),
  });
  update.mutate({ user_id: 5, name: "Ada" });
  userId += 1;
  void [profile, awaited, ok];

  // @ts-expect-error select's result is a string, not a UserProfile
  const wrong: MizanQuery<UserProfile> = createUserProfile(client, () => ({ user_id: 1 }), () => ({ select: (u) => u.email }));
  // @ts-expect-error options are a getter
  createUserProfile(client, () => ({ user_id: 1 }), { staleTime: 5 });
  // @ts-expect-error onMutate's context (a number) reaches onError
  createUpdateProfile(client, { onMutate: () => 1, onError: (_e, _v, context) => context?.toUpperCase() });
  // @ts-expect-error a query form's args are the call's args
  createContactValidateQuery(client, () => ({ email: "ada@shop.example" }));
  void wrong;
}
