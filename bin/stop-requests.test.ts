import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";

const BIN = join(import.meta.dirname, "chatml.ts");

/**
 * The real bin, started the way `bunx chatml` starts it: a package runner's environment, in a fresh data dir. No
 * --port: chatml binds the first free one from its default up and prints it (a port picked here and bound by chatml
 * later could be taken meanwhile by another test's server, and the test would then watch that one).
 */
function chatmlCommand(): { command: string[]; env: Record<string, string | undefined> } {
  const dataDir = mkdtempSync(join(tmpdir(), "chatml-stop-"));
  const command = [process.execPath, BIN, "--no-open", "--data-dir", dataDir, "--claude-bin", "/nonexistent"];
  return { command, env: { ...process.env, HOME: dataDir, npm_lifecycle_event: "bunx" } };
}

/** The port chatml listens on, once its output has printed its sign-in link. */
async function listeningPort(output: () => string): Promise<number> {
  await expect.poll(output).toMatch(SIGN_IN_ORIGIN);
  return Number(SIGN_IN_ORIGIN.exec(output())?.[1]);
}
const SIGN_IN_ORIGIN = /http:\/\/127\.0\.0\.1:(\d+)\/sign-in\?code=/;

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
    const { command, env } = chatmlCommand();
    // A stand-in for bunx: a parent that starts the bin, shares its output and is then SIGKILLed.
    const runner = Bun.spawn([process.execPath, "-e", `console.log("server pid " + Bun.spawn(${JSON.stringify(command)}, { stdout: "inherit", stderr: "inherit" }).pid); setInterval(() => {}, 1000);`], {
      env,
      stdout: "pipe",
      stderr: "pipe",
    });
    const output = collect(runner.stdout);
    const port = await listeningPort(() => output.text);
    expect(await isListening(port)).toBe(true);
    const serverPid = Number(/server pid (\d+)/.exec(output.text)?.[1]);
    onTestFinished(() => killIfRunning(serverPid)); // a server this test failed to see stop
    runner.kill("SIGKILL");
    await output.ended; // the runner and the server both hold it open
    expect(output.text).toContain("The command that started ChatML ended; stopping ChatML…");
    expect(await isListening(port)).toBe(false);
  });

  it("when its terminal closes (SIGHUP), the server stops cleanly instead of dying mid-write", async () => {
    const { command, env } = chatmlCommand();
    let output = "";
    const chatml = Bun.spawn(command, { env, terminal: { cols: 120, rows: 30, data: (_terminal, data) => void (output += new TextDecoder().decode(data)) } });
    const port = await listeningPort(() => output);
    expect(await isListening(port)).toBe(true);
    chatml.kill("SIGHUP");
    expect(await chatml.exited).toBe(0);
    expect(output).toContain("Stopping ChatML…");
    expect(await isListening(port)).toBe(false);
  });

  it("without a terminal (stdin is /dev/null, as under nohup) SIGHUP keeps what it was given: here its default, the end", async () => {
    const { command, env } = chatmlCommand();
    const chatml = Bun.spawn(command, { env, stdin: Bun.file("/dev/null"), stdout: "pipe", stderr: "pipe" });
    const output = collect(chatml.stdout);
    expect(await isListening(await listeningPort(() => output.text))).toBe(true);
    chatml.kill("SIGHUP");
    await chatml.exited;
    expect(chatml.signalCode).toBe("SIGHUP");
    await output.ended;
    expect(output.text).not.toContain("Stopping ChatML…");
  });
});
