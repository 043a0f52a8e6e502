//! Entry point: `PORT=0 MIZAN_BASE=/api/mizan tsx server/main.ts` prints `listening <port>` first.

import { createApp } from "./app.js";
import type { ServerState } from "./auth.js";
import { seed } from "./shop.js";

const port = Number(process.env["PORT"] ?? "0");
const base = (process.env["MIZAN_BASE"] ?? "/api/mizan").replace(/\/+$/, "");
const state: ServerState = {
  shop: seed(),
  log: [],
  sessions: new Set(),
  delay: 0,
};
const { server } = createApp(base, state);

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  const bound =
    typeof address === "object" && address !== null ? address.port : port;
  process.stdout.write(`listening ${bound}\n`);
});

const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
