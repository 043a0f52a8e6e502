// A Server Component: prefetches with the request's client, and hands the
// dehydrated state to the "use client" MizanProvider, which hydrates the
// browser's client with it before the first render.
import {
  MizanProvider,
  UserProvider,
  prefetchHydration,
} from "../../../mizan/react/index.js";
import { requestClient } from "../../../lib/mizan";
import { Profile } from "./profile";

export default async function UserPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const userId = Number((await params).id);
  const hydration = await prefetchHydration(await requestClient(), {
    user: { user_id: userId },
  });
  return (
    <MizanProvider hydration={hydration} session={false}>
      <UserProvider user_id={userId}>
        <Profile />
      </UserProvider>
    </MizanProvider>
  );
}
