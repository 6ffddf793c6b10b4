import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Subprocess } from "bun";
import { freePort } from "./env.ts";
import { readLines, waitUntil } from "./lines.ts";

/** The repository root (bin/chatml.ts lives under it). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The one-time sign-in link ChatML prints at start. */
export const SIGN_IN_LINK = /https?:\/\/\S+\/sign-in\?code=[\w-]+/;

/** Inputs of {@link startChatml}. */
export interface StartChatmlOptions {
  dataDir: string;
  claudeBin: string;
  /** Environment for the server (and the CLIs it spawns), e.g. from cliEnv(). */
  env: Record<string, string>;
  /** 0 or omitted: a free port is picked. */
  port?: number;
  extraArgs?: string[];
  /** How long to wait for the start URL (default 20 s). */
  timeoutMs?: number;
  /**
   * What runs the server, relative to the repository (default `bin/chatml.ts`, which runs the prebuilt bundle of
   * `bun run build` as `bunx chatml` does, or the sources when the bundle is older than them: ADR 0042;
   * e2e/support/versioned-chatml.ts runs another build).
   */
  script?: string;
  /**
   * Whether the server writes AI titles (the `aiTitles` setting; ADR 0203). Off unless a test asks: each title is a
   * whole one-shot CLI (~1.4 s of CPU) per new conversation, which most tests never look at. A test that asserts a
   * title the model wrote passes `true`.
   */
  aiTitles?: boolean;
}

/** A running ChatML server started by the tests. */
export interface ChatmlServer {
  /**
   * A one-time sign-in link, `http://127.0.0.1:<port>/sign-in?code=<code>`. Each read makes a fresh one (with
   * `chatml login-link`, as a user would), so every browser page can sign in with `page.goto(server.url)`.
   */
  readonly url: string;
  origin: string;
  /** The owner token from `<dataDir>/token`, for `Authorization: Bearer` (it is never printed or put in a URL). */
  token: string;
  port: number;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  /** Everything the server printed so far (stdout and stderr interleaved), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(): Promise<number>;
  kill(signal?: NodeJS.Signals | number): void;
}

/**
 * Every server this test file started (killed ones too: their output tells most), for failure-artifacts.ts, which
 * empties it as each file starts.
 */
export const startedServers: ChatmlServer[] = [];

async function stopProcess(proc: Subprocess): Promise<number> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exited;
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}

/** Thrown when chatml refused the port it was given because something else listens there. */
class PortBusyError extends Error {}

/**
 * Spawns `bun bin/chatml.ts --no-open …` and waits until it prints its start URL. A port it picks (`pickPort`, only
 * a parameter for the harness's own test) is free only until chatml binds it a second later, and another file's
 * server or an outgoing connection can take it meanwhile: then chatml says the port is busy, and another is picked.
 */
export async function startChatml(options: StartChatmlOptions, pickPort: () => Promise<number> = freePort): Promise<ChatmlServer> {
  if (options.port) return startChatmlOn(options.port, options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startChatmlOn(await pickPort(), options);
    } catch (error) {
      if (!(error instanceof PortBusyError) || attempt === 3) throw error;
    }
  }
}

async function startChatmlOn(port: number, options: StartChatmlOptions): Promise<ChatmlServer> {
  const args = ["--no-open", "--port", String(port), "--data-dir", options.dataDir, "--claude-bin", options.claudeBin];
  const bun = process.versions.bun ? process.execPath : "bun";
  const proc = Bun.spawn([bun, options.script ?? "bin/chatml.ts", ...args, ...(options.extraArgs ?? [])], {
    cwd: REPO_ROOT,
    env: options.env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const log: string[] = [];
  let url: string | undefined;
  const reading = Promise.all([
    readLines(proc.stdout, (line) => {
      log.push(line);
      url ??= line.match(SIGN_IN_LINK)?.[0];
    }),
    readLines(proc.stderr, (line) => log.push(line)),
  ]);
  const output = (): string => log.join("\n");
  const found = await waitUntil(() => url ?? (proc.exitCode !== null ? "" : undefined), options.timeoutMs ?? 20_000, "the ChatML start URL").catch(
    async (error: unknown) => {
      await stopProcess(proc);
      throw new Error(`${String(error)}\n--- chatml output ---\n${output()}`);
    },
  );
  if (!found) {
    // Its last words may still be in the pipes when its exit is seen.
    await reading;
    const problem = `chatml exited with ${proc.exitCode} before printing its URL\n${output()}`;
    throw output().includes(`Port ${port} is busy`) ? new PortBusyError(problem) : new Error(problem);
  }
  const parsed = new URL(found);
  let firstLink: string | null = found;
  const server: ChatmlServer = {
    get url() {
      const link = firstLink ?? loginLink(options.dataDir, options.env);
      firstLink = null;
      return link;
    },
    origin: parsed.origin,
    token: readFileSync(join(options.dataDir, "token"), "utf8").trim(),
    port: Number(parsed.port),
    proc,
    output,
    stop: () => stopProcess(proc),
    kill: (signal) => proc.kill(signal),
  };
  startedServers.push(server);
  await putAiTitles(server, options.aiTitles ?? false);
  return server;
}

/** Sets the `aiTitles` setting as a user would (`PUT /api/settings`), before the test sends its first message. */
async function putAiTitles(server: ChatmlServer, aiTitles: boolean): Promise<void> {
  const response = await fetch(`${server.origin}/api/settings`, {
    method: "PUT",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
    body: JSON.stringify({ aiTitles }),
  });
  if (!response.ok) throw new Error(`PUT /api/settings {aiTitles: ${aiTitles}} → ${response.status} ${await response.text()}\n--- chatml output ---\n${server.output()}`);
}

/** A fresh one-time sign-in link from the server running on `dataDir` (`chatml login-link`). */
export function loginLink(dataDir: string, env: Record<string, string>): string {
  const bun = process.versions.bun ? process.execPath : "bun";
  const result = Bun.spawnSync([bun, "bin/chatml.ts", "login-link", "--data-dir", dataDir], { cwd: REPO_ROOT, env, stdout: "pipe", stderr: "pipe" });
  const link = result.stdout.toString().match(SIGN_IN_LINK)?.[0];
  if (!link) throw new Error(`chatml login-link gave no link (exit ${result.exitCode}): ${result.stdout.toString()}${result.stderr.toString()}`);
  return link;
}
