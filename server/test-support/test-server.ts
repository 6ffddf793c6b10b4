import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer, type ServerConfig } from "../main.ts";

export type TestServer = RunningServer & { dataDir: string; cleanup(): Promise<void> };

/** Starts a real ChatML server on an ephemeral port with a temp data dir. */
export async function startTestServer(
  options: { claudeBin?: string | null; env?: Record<string, string>; dataDir?: string; config?: Partial<ServerConfig> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "chatml-test-"));
  const server = await startServer({
    port: 0,
    isPortExplicit: true,
    maxPort: 0,
    host: "127.0.0.1",
    dataDir,
    claudeBin: options.claudeBin ?? null,
    version: "0.0.0-test",
    webRoot: join(dataDir, "no-web"),
    env: { ...process.env, ...options.env },
    ...options.config,
  });
  const cleanup = async () => {
    await server.stop();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  // `signInUrl` is one-time: every read makes a fresh link, so a test may sign in as many browsers as it likes.
  return Object.defineProperty({ ...server, dataDir, cleanup }, "signInUrl", { get: () => server.createSignInUrl(), enumerable: true });
}

/** Fetches an API path with the Bearer token (as a script would). */
export function api(server: RunningServer, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${server.token}`);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  return fetch(`${server.url}${path}`, { ...init, headers });
}
