import adapter from "@sveltejs/adapter-node";
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

/** The SvelteKit app of the SSR tests, built for node (`build/index.js`). */
export default {
  preprocess: vitePreprocess(),
  kit: { adapter: adapter() },
};
