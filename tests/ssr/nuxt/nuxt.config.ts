// The Nuxt app of the SSR tests: one page (`/users/[id]`), one plugin
// (`app/plugins/mizan.ts`), and the generated `mizan/` folder.
export default defineNuxtConfig({
  compatibilityDate: "2026-01-01",
  devtools: { enabled: false },
  telemetry: false,
  // Where the server reaches the backend; `NUXT_MIZAN_API_URL` at run time.
  runtimeConfig: { mizanApiUrl: "" },
});
