import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import { openTempDb, seedConversation } from "../server/persistence/test-support.ts";

const BIN = join(import.meta.dirname, "chatml.ts");
/** This repository: a git checkout, as a fresh clone is. */
const CHECKOUT = join(import.meta.dirname, "..");

async function run(command: string[], timeoutMs = 15_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = Bun.spawn(command, { cwd: CHECKOUT, stdout: "pipe", stderr: "pipe", env: { ...process.env, CHATML_HOME: mkdtempSync(join(tmpdir(), "chatml-bin-")) } });
  const timer = setTimeout(() => child.kill(), timeoutMs);
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr };
}

describe("bin/chatml.ts as a process", () => {
  it("prints its version", async () => {
    expect(await run([process.execPath, BIN, "--version"])).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
  });

  it("prints help", async () => {
    const { code, stdout } = await run([process.execPath, BIN, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--claude-bin");
  });

  it("refuses an unknown flag with a clear message and a non-zero exit", async () => {
    const { code, stderr } = await run([process.execPath, BIN, "--frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--frobnicate'");
  });

  it("login-link with no ChatML running says how to start one: in a checkout, its own bin (bunx would fetch the package)", async () => {
    const { code, stderr } = await run([process.execPath, BIN, "login-link"]);
    expect(code).toBe(1);
    expect(stderr).toContain("is not running on");
    expect(stderr).toContain("Start it with `bun bin/chatml.ts` (it prints a sign-in link), with the same --data-dir if you gave one.");
  });

  it("started from a checkout, names the login-link command that works there, with its data dir", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "chatml-start-"));
    const child = Bun.spawn([process.execPath, BIN, "--no-open", "--port", "3705", "--data-dir", dataDir, "--claude-bin", "/nonexistent"], { cwd: CHECKOUT, stdout: "pipe", stderr: "pipe" });
    let stdout = "";
    const decoder = new TextDecoder();
    for await (const chunk of child.stdout) {
      stdout += decoder.decode(chunk);
      if (stdout.includes("Press Ctrl+C")) break;
    }
    child.kill();
    await child.exited;
    expect(stdout).toContain(`\`bun bin/chatml.ts login-link --data-dir ${dataDir}\` prints a new one.`);
  });

  it("explains that Bun is needed when run with Node", async () => {
    const node = findRealNode();
    if (!node) throw new Error("This test needs Node.js on PATH (the README's requirements include it).");
    const { code, stderr } = await run([node, BIN]);
    expect(code).toBe(1);
    expect(stderr).toContain("ChatML needs the Bun runtime");
    expect(stderr).toContain("npm install -g bun");
  });

  it("moves to the next free port when the default one is busy, and says so", async () => {
    const blocker = await listen(0);
    const busyPort = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), "chatml-port-"));
    // Start from the busy port as if it were the default: --port makes it explicit, so drive the default path instead.
    const child = Bun.spawn([process.execPath, "-e", portProbe(busyPort, dataDir)], { stdout: "pipe", stderr: "pipe" });
    const output = await new Response(child.stdout).text();
    await child.exited;
    blocker.close();
    // The next port up is usually the one, but another test's server or connection may hold it: any of the next five.
    const movedTo = Number(new RegExp(`moved from ${busyPort} to (\\d+)`).exec(output)?.[1]);
    expect(movedTo).toBeGreaterThan(busyPort);
    expect(movedTo).toBeLessThanOrEqual(busyPort + 5);
  });

  it("fails clearly when an explicit port is busy", async () => {
    const blocker = await listen(0);
    const busyPort = (blocker.address() as { port: number }).port;
    const { code, stderr } = await run([process.execPath, BIN, "--no-open", "--port", String(busyPort), "--claude-bin", "/nonexistent"]);
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`Port ${busyPort} is busy`);
  });

  it("stops with exit 1 and says what failed when its conversations cannot be loaded after it listens, keeping its data (ADR 0217)", async () => {
    // A damaged database: it opens, and the composition after the listen fails on the table it lacks (ADR 0210).
    const seeded = openTempDb();
    const { conversation } = seedConversation(seeded.repos, seeded.dir);
    seeded.db.run("DROP TABLE pending_permissions");
    seeded.db.close();
    const dataDir = join(seeded.dir, "data");
    try {
      // Nobody asks: the API's warm-up shortly after the start loads the conversations, and the failure ends the process.
      const { code, stdout, stderr } = await run([process.execPath, BIN, "--no-open", "--port", String(await freePort()), "--data-dir", dataDir, "--claude-bin", "/nonexistent"]);
      expect(stdout).toContain("is running");
      expect(code, stderr).toBe(1);
      expect(stderr).toContain("chatml: ChatML could not load its conversations and API after it started: no such table: pending_permissions");
      expect(stderr).toContain(`chatml: ChatML stopped: the requests it had taken were answered and its data in ${dataDir} is kept.`);
      // Stopped as a stop does: the lock and the server's record are gone, and the database is whole.
      expect(existsSync(join(dataDir, "chatml.lock"))).toBe(false);
      expect(existsSync(join(dataDir, "server.json"))).toBe(false);
      const reopened = openTempDb(seeded.dir);
      expect(reopened.repos.conversations.get(conversation.id)?.id).toBe(conversation.id);
      reopened.db.close();
    } finally {
      rmSync(seeded.dir, { recursive: true, force: true });
    }
  });
});

/** A TCP port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = await listen(0);
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `bun --bun` puts a `node` that is really Bun first on PATH; find the real one (Node prints "v20…", Bun "1.x"). */
function findRealNode(): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const candidate = join(dir, "node");
    if (!existsSync(candidate)) continue;
    const version = Bun.spawnSync([candidate, "--version"]).stdout.toString();
    if (version.startsWith("v")) return candidate;
  }
  return null;
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

/** A tiny script that starts the server with a non-explicit port equal to `busyPort` and reports where it landed. */
function portProbe(busyPort: number, dataDir: string): string {
  const main = JSON.stringify(join(import.meta.dirname, "..", "server", "main.ts"));
  return `const { startServer } = await import(${main});
const server = await startServer({ port: ${busyPort}, isPortExplicit: false, maxPort: ${busyPort + 5}, host: "127.0.0.1", dataDir: ${JSON.stringify(dataDir)}, claudeBin: null, version: "t", webRoot: "/nonexistent", env: {} });
console.log("moved from ${busyPort} to " + server.port);
await server.stop();`;
}
