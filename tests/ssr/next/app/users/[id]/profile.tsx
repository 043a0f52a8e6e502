"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import {
  useCurrentUser,
  useSiteConfig,
  useUserProfile,
} from "../../../mizan/react/index.js";

export function Profile() {
  const site = useSiteConfig();
  const me = useCurrentUser();
  const profile = useUserProfile();
  // Set once React has hydrated the page (the test waits for it).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <main data-hydrated={hydrated ? "true" : "false"}>
      <p data-testid="site">{site.data?.name}</p>
      <p data-testid="me">{me.data?.email ?? "anonymous"}</p>
      <h1 data-testid="email">{profile.data?.email}</h1>
      <p data-testid="status">{profile.status}</p>
      <button data-testid="refetch" onClick={() => void profile.refetch()}>
        Refresh
      </button>
      <Link data-testid="other" href="/users/6">
        Grace
      </Link>
    </main>
  );
}
