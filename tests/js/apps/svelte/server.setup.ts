// vitest globalSetup (runs in node, not happy-dom): starts the live
// protocol server once and gives its origin to the tests.
import type { TestProject } from "vitest/node";
import { startServer } from "../../server/harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    origin: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide("origin", server.origin);
  return () => server.stop();
}
