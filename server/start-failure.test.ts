import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const MAIN = join(import.meta.dirname, "main.ts");

/**
 * A Bun process (its own, so no other test's sockets are counted) holds a port, starts ChatML on exactly that port
 * (which fails after the CLI listener and the rest have opened), and reports the TCP ports it still listens on.
 */
const SCRIPT = `
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
const { startServer } = await import(process.env.MAIN);
function listeningPorts() {
  const inodes = new Set(readdirSync("/proc/self/fd").map((fd) => { try { return readlinkSync("/proc/self/fd/" + fd); } catch { return ""; } })
    .map((link) => /^socket:\\[(\\d+)\\]$/.exec(link)?.[1]).filter(Boolean));
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((file) => readFileSync(file, "utf8").trim().split("\\n").slice(1))
    .map((line) => line.trim().split(/\\s+/)).filter((cols) => cols[3] === "0A" && inodes.has(cols[9]))
    .map((cols) => parseInt(cols[1].split(":").pop(), 16));
}
const blocker = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("taken") });
let failure = null;
try {
  await startServer({ port: blocker.port, isPortExplicit: true, maxPort: blocker.port, host: "127.0.0.1", dataDir: process.env.DATA_DIR,
    claudeBin: null, version: "0.0.0-test", webRoot: process.env.DATA_DIR + "/no-web", env: process.env });
} catch (error) { failure = String(error.message); }
blocker.stop(true);
console.log(JSON.stringify({ failure, listening: listeningPorts() }));
`;

/** The first line the child prints (its report), without waiting for it to exit. */
async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    text += decoder.decode(chunk, { stream: true });
    if (text.includes("\n")) return text.slice(0, text.indexOf("\n"));
  }
  throw new Error(`the child printed no report: ${JSON.stringify(text)}`);
}

let dataDir = "";
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe("a start that fails after the CLI listener opened", () => {
  it("closes the CLI listener (and everything else it opened) before it rejects", async () => {
    dataDir = mkdtempSync(join(tmpdir(), "chatml-start-failure-"));
    const proc = Bun.spawn([process.execPath, "-e", SCRIPT], { env: { ...process.env, MAIN, DATA_DIR: dataDir }, stdout: "pipe", stderr: "pipe" });
    try {
      const line = await firstLine(proc.stdout);
      const result = JSON.parse(line) as { failure: string | null; listening: number[] };
      expect(result.failure).toMatch(/is busy/);
      expect(result.listening).toEqual([]);
      // And the process ends on its own: nothing started is left holding the event loop open.
      expect(await proc.exited, await new Response(proc.stderr).text()).toBe(0);
    } finally {
      proc.kill();
    }
  });
});
