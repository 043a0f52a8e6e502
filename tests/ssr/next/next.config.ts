import type { NextConfig } from "next";

const config: NextConfig = {
  experimental: {
    // The generated code imports `./x.js` for `./x.ts` (TypeScript's ESM
    // convention, what NodeNext requires). Next's webpack resolves that with
    // this; Turbopack cannot yet (vercel/next.js#82945), so the app builds
    // with `next build --webpack`.
    extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
  },
};

export default config;
