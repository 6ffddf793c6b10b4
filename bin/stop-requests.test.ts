import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";

const BIN = join(import.meta.dirname, "chatml.ts");

/** The real bin, started the way `bunx chatml` starts it: a package runner's environment, in a fresh data dir. */
function chatmlCommand(port: number): { command: string[]; env: Record<string, string | undefined> } {
  const dataDir = mkdtempSync(join(tmpdir(), "chatml-stop-"));
  const command = [process.execPath, BIN, "--no-open", "--port", String(port), "--data-dir", dataDir, "--claude-bin", "/nonexistent"];
  return { command, env: { ...process.env, HOME: dataDir, npm_lifecycle_event: "bunx" } };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Everything a stream says so far, and when it ends. */
function collect(stream: ReadableStream<Uint8Array>): { text: string; ended: Promise<void> } {
  const collected = { text: "", ended: Promise.resolve() };
  const decoder = new TextDecoder();
  collected.ended = stream.pipeTo(new WritableStream<Uint8Array>({ write: (chunk) => void (collected.text += decoder.decode(chunk, { stream: true })) }));
  return collected;
}

function killIfRunning(pid: number): void {
  try {
    process.kill(pid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

async function isListening(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
}

describe("ending ChatML ends its server", () => {
  it("when the package runner it runs under is killed outright (no signal forwarded), the server stops", async () => {
    const port = await freePort();
    const { command, env } = chatmlCommand(port);
    // A stand-in for bunx: a parent that starts the bin, shares its output and is then SIGKILLed.
    const runner = Bun.spawn([process.execPath, "-e", `console.log("server pid " + Bun.spawn(${JSON.stringify(command)}, { stdout: "inherit", stderr: "inherit" }).pid); setInterval(() => {}, 1000);`], {
      env,
      stdout: "pipe",
      stderr: "pipe",
    });
    const output = collect(runner.stdout);
    await expect.poll(() => isListening(port)).toBe(true);
    const serverPid = Number(/server pid (\d+)/.exec(output.text)?.[1]);
    onTestFinished(() => killIfRunning(serverPid)); // a server this test failed to see stop
    runner.kill("SIGKILL");
    await output.ended; // the runner and the server both hold it open
    expect(output.text).toContain("The command that started ChatML ended; stopping ChatML…");
    expect(await isListening(port)).toBe(false);
  });

  it("when its terminal closes (SIGHUP), the server stops cleanly instead of dying mid-write", async () => {
    const port = await freePort();
    const { command, env } = chatmlCommand(port);
    let output = "";
    const chatml = Bun.spawn(command, { env, terminal: { cols: 120, rows: 30, data: (_terminal, data) => void (output += new TextDecoder().decode(data)) } });
    await expect.poll(() => isListening(port)).toBe(true);
    chatml.kill("SIGHUP");
    expect(await chatml.exited).toBe(0);
    expect(output).toContain("Stopping ChatML…");
    expect(await isListening(port)).toBe(false);
  });

  it("without a terminal (stdin is /dev/null, as under nohup) SIGHUP keeps what it was given: here its default, the end", async () => {
    const port = await freePort();
    const { command, env } = chatmlCommand(port);
    const chatml = Bun.spawn(command, { env, stdin: Bun.file("/dev/null"), stdout: "pipe", stderr: "pipe" });
    const output = collect(chatml.stdout);
    await expect.poll(() => isListening(port)).toBe(true);
    chatml.kill("SIGHUP");
    await chatml.exited;
    expect(chatml.signalCode).toBe("SIGHUP");
    await output.ended;
    expect(output.text).not.toContain("Stopping ChatML…");
  });
});
