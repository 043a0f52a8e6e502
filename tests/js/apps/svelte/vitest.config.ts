// DOM tests of the generated Svelte bindings, both flavors (happy-dom),
// against the live protocol server; `gen/` is written by the Rust test
// `vue_svelte::runtime`.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    // Svelte's client runtime (mount, effects), not its server build.
    conditions: ["browser"],
  },
  test: {
    environment: "happy-dom",
    include: ["*.test.ts"],
    globalSetup: ["../dom/server.setup.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
