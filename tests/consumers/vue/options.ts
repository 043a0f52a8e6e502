// A hand-written consumer of the Vue bindings' query and mutation options
// (TanStack Query's), for the shop fixture. It must type-check under
// vue-tsc; every `@ts-expect-error` line must be exactly one error.
import { computed, ref } from "vue";
import { userContext, type UserProfile } from "./gen/shop/stage1/index";
import {
  createMizan,
  keepPreviousData,
  useContactSchemaQuery,
  useContactValidateQuery,
  useMizanClient,
  useUpdateProfile,
  useUserProfile,
  type MizanQuery,
} from "./gen/shop/vue/index";

export const plugin = createMizan({}, { defaultQueryOptions: { staleTime: 30_000 } });

export async function setup(): Promise<void> {
  const userId = ref(5);
  // Reactive options: a getter or a computed, followed like the params.
  const profile: MizanQuery<UserProfile> = useUserProfile(
    () => ({ user_id: userId.value }),
    () => ({ enabled: userId.value > 0, placeholderData: keepPreviousData }),
  );
  const email: MizanQuery<string> = useUserProfile(
    { user_id: 5 },
    computed(() => ({ select: (user: UserProfile) => user.email, staleTime: 1000 })),
  );
  const name: string | undefined = useUserProfile(
    { user_id: 5 },
    { select: (user) => user.name ?? user.email },
  ).data.value;
  const settled = await useUserProfile({ user_id: 5 }).suspense();
  const placeholder: boolean = settled.isPlaceholderData || profile.isLoading.value;
  const ok: boolean | undefined = useContactValidateQuery(
    { email: "ada@shop.example", topic: "sales", body: "Hello there, friends." },
    { select: (report) => report.ok, refetchOnWindowFocus: false },
  ).data.value;
  useContactSchemaQuery({ staleTime: Infinity });
  const client = useMizanClient();
  const update = useUpdateProfile({
    onMutate: ({ user_id, name }) => {
      const previous = client.cache.get(userContext, { user_id });
      client.cache.set(userContext, { user_id }, (old) =>
        old?.user_profile === undefined ? old : { ...old, user_profile: { ...old.user_profile, name } },
      );
      return previous;
    },
    onError: (_error, { user_id }, previous) => {
      client.cache.set(userContext, { user_id }, previous);
    },
    onSettled: () => client.cache.invalidate(userContext, { user_id: userId.value }),
  });
  update.mutate({ user_id: 5, name: "Ada" }, { onSuccess: (user) => void user.email });
  const variables: number | undefined = update.variables.value?.user_id;
  void [email, name, placeholder, ok, variables];

  // @ts-expect-error select's result is a string, not a UserProfile
  const wrong: MizanQuery<UserProfile> = useUserProfile({ user_id: 1 }, { select: (u) => u.email });
  // @ts-expect-error staleTime is a number of ms
  useUserProfile({ user_id: 1 }, { staleTime: "1m" });
  // @ts-expect-error refetchOnWindowFocus is true, false or "always"
  useUserProfile({ user_id: 1 }, () => ({ refetchOnWindowFocus: "never" }));
  // @ts-expect-error onMutate's context (a number) reaches onError
  useUpdateProfile({ onMutate: () => 1, onError: (_e, _v, context) => context?.toUpperCase() });
  // @ts-expect-error a query form's args are the call's args
  useContactValidateQuery({ email: "ada@shop.example" });
  // @ts-expect-error the cache is typed by the context key
  client.cache.set(userContext, { user_id: 1 }, { user_profile: 5 });
  void wrong;
}
