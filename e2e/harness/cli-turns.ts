import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FakeApi } from "../fake-api/server.ts";
import { cliBinPath } from "./cli-bins.ts";
import { allowAll, spawnCli } from "./cli-process.ts";
import type { CliMessage, CliProcess, PermissionAnswerer } from "./cli-process.ts";
import { cliEnv, tempDir } from "./env.ts";

/** Where recorded transcripts go (`e2e/transcripts/<scenario>.<version>.ndjson`). */
export const TRANSCRIPTS_DIR = fileURLToPath(new URL("../transcripts/", import.meta.url));

/** Inputs of {@link runCliTurns}. */
export interface CliTurnsOptions {
  version: string;
  api: FakeApi;
  /** User messages, sent one after the other, each after the previous turn's `result`. */
  texts: string[];
  args?: string[];
  /** Default: allow everything, answering AskUserQuestion with Blue. */
  answer?: PermissionAnswerer;
  /** Reuse a HOME / cwd (e.g. to --resume); default: fresh temp dirs. */
  home?: string;
  cwd?: string;
  /** With CHATML_RECORD_TRANSCRIPTS=1, writes the run to e2e/transcripts/<scenario>.<version>.ndjson. */
  scenario?: string;
  timeoutMs?: number;
}

/** The outcome of {@link runCliTurns}. */
export interface CliTurnsRun {
  cli: CliProcess;
  results: CliMessage[];
  exitCode: number;
  home: string;
  cwd: string;
}

/** Runs the real CLI for a few turns against the fake API, then closes stdin and waits for exit. */
export async function runCliTurns(options: CliTurnsOptions): Promise<CliTurnsRun> {
  const home = options.home ?? tempDir(`chatml-home-${options.version}`);
  const cwd = options.cwd ?? tempDir(`chatml-cwd-${options.version}`);
  const answer = options.answer ?? allowAll({ "Which color do you prefer?": "Blue" });
  const env = cliEnv({ apiUrl: options.api.url, home });
  const cli = spawnCli({ bin: cliBinPath(options.version), version: options.version, cwd, env, args: options.args, answer });
  const results: CliMessage[] = [];
  for (const [i, text] of options.texts.entries()) {
    cli.sendUser(text);
    results.push(await cli.waitForResult(i + 1, options.timeoutMs ?? 60_000));
  }
  cli.closeStdin();
  const exitCode = await cli.exited;
  if (options.scenario && process.env.CHATML_RECORD_TRANSCRIPTS === "1") {
    cli.transcript.addApiRequests(options.api.requests);
    cli.transcript.write(join(TRANSCRIPTS_DIR, `${options.scenario}.${options.version}.ndjson`));
  }
  return { cli, results, exitCode, home, cwd };
}
