import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { McpServerDefinition } from "../../../shared/protocol/mcp.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { api, startTestServer, type TestServer } from "../../test-support/test-server.ts";

/* A credential in an MCP server's URL (`?api_key=…`) goes over the route once, in, and never comes back out. */
let server: TestServer;
let repo: string;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

async function call<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  const response = await api(server, path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  expect(response.ok).toBe(true);
  return (await response.json()) as T;
}

it("answers and lists an MCP server's URL with its credential masked, keeping the credential out of the database", async () => {
  repo = await makeTempRepo();
  const { workspace } = await call<{ workspace: { id: string } }>("/api/workspaces", "POST", { path: repo });
  const path = `/api/workspaces/${workspace.id}/mcp-servers`;
  const { server: saved } = await call<{ server: McpServerDefinition }>(path, "POST", { name: "docs", transport: "http", url: "https://mcp.example/x?api_key=route-secret-9" });
  expect(saved.url).toBe("https://mcp.example/x?api_key=•••");
  const listed = await call<{ servers: McpServerDefinition[] }>(path);
  expect(listed.servers.map((s) => s.url)).toEqual(["https://mcp.example/x?api_key=•••"]);
  expect(readFileSync(join(server.dataDir, "mcp-secrets.json"), "utf8")).toContain("route-secret-9");
  // The database and its write-ahead log, where a fresh write is first.
  const files = ["chatml.db", "chatml.db-wal"].map((name) => join(server.dataDir, name)).filter((file) => existsSync(file));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(readFileSync(file).includes("route-secret-9")).toBe(false);
});
