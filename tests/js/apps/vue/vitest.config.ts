// DOM tests of the generated Vue bindings (happy-dom) against the live
// protocol server; `gen/` is written by the Rust test `vue_svelte::runtime`.
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [vue()],
  test: {
    environment: "happy-dom",
    include: ["*.test.ts"],
    globalSetup: ["../dom/server.setup.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
