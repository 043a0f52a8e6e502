// DOM tests of the generated Vue bindings (happy-dom) against the live
// protocol server; `gen/` is written by the Rust test `vue_svelte::runtime`.
import vue from "@vitejs/plugin-vue";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      "@mizan/base": fileURLToPath(
        new URL("../../kernel/index.ts", import.meta.url),
      ),
    },
  },
  test: {
    environment: "happy-dom",
    include: ["*.test.ts"],
    globalSetup: ["./server.setup.ts"],
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
