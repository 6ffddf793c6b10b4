import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

/** Runs `script` in a fresh Bun process (as `chatml` starts) and returns the JSON it prints last. */
async function freshProcess<T>(script: string): Promise<T> {
  const proc = Bun.spawn([process.execPath, "-e", script], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`fresh process failed (${code}): ${err}`);
  return JSON.parse(out.trim().split("\n").pop() ?? "null") as T;
}

/** The packages a start loads, read from a fresh Bun process that imports the CLI entry as `chatml` does. */
async function packagesLoadedAtStart(): Promise<string[]> {
  return freshProcess<string[]>(`await import(${JSON.stringify(join(ROOT, "bin", "run.ts"))});
const names = Object.keys(require.cache).filter((path) => path.includes("/node_modules/")).map((path) => {
  const rest = path.split("/node_modules/").pop().split("/");
  return rest[0].startsWith("@") ? rest[0] + "/" + rest[1] : rest[0];
});
console.log(JSON.stringify([...new Set(names)]));`);
}

describe("start-up imports (issue 16: start to first HTTP 200)", () => {
  let dataDir = "";
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("loads only the packages the first request needs; git, push, QR, terminals and integrations load on first use", async () => {
    const loaded = await packagesLoadedAtStart();
    expect(loaded).toContain("hono");
    for (const lazy of ["simple-git", "web-push", "qrcode", "uqr", "@xterm/headless", "@octokit/rest", "@linear/sdk"]) expect(loaded).not.toContain(lazy);
  });

  it("a start builds a handful of the shared schemas, not the ~2,000 of shared/ (ADR 0036)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-startup-schemas-"));
    const counts = await freshProcess<{ imported: number; started: number }>(`
const { lazySchemasBuilt } = await import(${JSON.stringify(join(ROOT, "shared", "lazy-schema.ts"))});
const { startServer } = await import(${JSON.stringify(join(ROOT, "server", "main.ts"))});
const imported = lazySchemasBuilt();
const server = await startServer({ port: 0, isPortExplicit: true, maxPort: 0, host: "127.0.0.1", dataDir: ${JSON.stringify(dataDir)}, claudeBin: null, version: "0.0.0", webRoot: ${JSON.stringify(dataDir)}, env: {} });
const healthy = (await fetch(server.url + "/healthz")).status;
if (healthy !== 200) throw new Error("healthz answered " + healthy);
const started = lazySchemasBuilt();
await server.stop();
console.log(JSON.stringify({ imported, started }));
process.exit(0);`);
    expect(counts.imported).toBe(0);
    expect(counts.started).toBeLessThanOrEqual(10);
  });
});
