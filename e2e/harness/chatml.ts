import { fileURLToPath } from "node:url";
import type { Subprocess } from "bun";
import { freePort } from "./env.ts";
import { readLines, waitUntil } from "./lines.ts";

/** The repository root (bin/chatml.ts lives under it). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const START_URL = /https?:\/\/\S+\?token=\S+/;

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
}

/** A running ChatML server started by the tests. */
export interface ChatmlServer {
  /** The start URL printed by the server, `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  origin: string;
  token: string;
  port: number;
  proc: Subprocess<"ignore", "pipe", "pipe">;
  /** Everything the server printed so far (stdout and stderr interleaved), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
  stop(): Promise<number>;
  kill(signal?: NodeJS.Signals | number): void;
}

async function stopProcess(proc: Subprocess): Promise<number> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exited;
  proc.kill("SIGTERM");
  const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}

/** Spawns `bun bin/chatml.ts --no-open …` and waits until it prints its start URL. */
export async function startChatml(options: StartChatmlOptions): Promise<ChatmlServer> {
  const port = options.port || (await freePort());
  const args = ["--no-open", "--port", String(port), "--data-dir", options.dataDir, "--claude-bin", options.claudeBin];
  const bun = process.versions.bun ? process.execPath : "bun";
  const proc = Bun.spawn([bun, "bin/chatml.ts", ...args, ...(options.extraArgs ?? [])], {
    cwd: REPO_ROOT,
    env: options.env,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const log: string[] = [];
  let url: string | undefined;
  void readLines(proc.stdout, (line) => {
    log.push(line);
    url ??= line.match(START_URL)?.[0];
  });
  void readLines(proc.stderr, (line) => log.push(line));
  const output = (): string => log.join("\n");
  const found = await waitUntil(() => url ?? (proc.exitCode !== null ? "" : undefined), options.timeoutMs ?? 20_000, "the ChatML start URL").catch(
    async (error: unknown) => {
      await stopProcess(proc);
      throw new Error(`${String(error)}\n--- chatml output ---\n${output()}`);
    },
  );
  if (!found) throw new Error(`chatml exited with ${proc.exitCode} before printing its URL\n${output()}`);
  const parsed = new URL(found);
  return {
    url: found,
    origin: parsed.origin,
    token: parsed.searchParams.get("token") ?? "",
    port: Number(parsed.port),
    proc,
    output,
    stop: () => stopProcess(proc),
    kill: (signal) => proc.kill(signal),
  };
}
