import type { Subprocess } from "bun";
import { readLines, waitUntil } from "./lines.ts";
import { Transcript } from "./transcript.ts";

/** One NDJSON line the CLI wrote to stdout. */
export type CliMessage = { type: string } & Record<string, unknown>;

/** A `can_use_tool` control request, flattened. */
export interface PermissionRequest {
  requestId: string;
  toolName: string;
  input: Record<string, unknown>;
  toolUseId: string | undefined;
}

/** Decides a permission request: the `response` payload (`{behavior, …}`), or undefined to leave it open. */
export type PermissionAnswerer = (request: PermissionRequest) => Record<string, unknown> | undefined;

/** The flags a stream-json host uses (protocol README section 1). */
export const STREAM_JSON_ARGS = [
  "-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose",
  "--permission-prompt-tool", "stdio", "--include-partial-messages",
];

/** Allows every tool with its input unchanged; AskUserQuestion also gets `answers` (question text → answer). */
export function allowAll(answers: Record<string, string> = {}): PermissionAnswerer {
  return ({ toolName, input, toolUseId }) => {
    const updatedInput = toolName === "AskUserQuestion" ? { ...input, answers } : input;
    return { behavior: "allow", updatedInput, toolUseID: toolUseId };
  };
}

/** Inputs of {@link spawnCli}. */
export interface SpawnCliOptions {
  bin: string;
  cwd: string;
  env: Record<string, string>;
  /** Extra flags after {@link STREAM_JSON_ARGS}, e.g. `["--resume", id]`. */
  args?: string[];
  /** Answers `can_use_tool` requests; default: leave them unanswered. */
  answer?: PermissionAnswerer;
  /** Recorded in the transcript's first note. */
  version?: string;
}

/** A CLI process driven over stdio, recording a transcript. */
export interface CliProcess {
  proc: Subprocess<"pipe", "pipe", "pipe">;
  messages: CliMessage[];
  transcript: Transcript;
  send(message: Record<string, unknown>): void;
  /** Sends a plain-text user message. */
  sendUser(text: string): void;
  waitFor(predicate: (m: CliMessage) => boolean, timeoutMs?: number): Promise<CliMessage>;
  /** Waits for the `count`-th `result` line (1-based, default 1). */
  waitForResult(count?: number, timeoutMs?: number): Promise<CliMessage>;
  closeStdin(): void;
  exited: Promise<number>;
  stderr(): string;
}

function permissionOf(message: CliMessage): PermissionRequest | undefined {
  const request = message.request as Record<string, unknown> | undefined;
  if (message.type !== "control_request" || request?.subtype !== "can_use_tool") return undefined;
  const input = (request.input ?? {}) as Record<string, unknown>;
  return { requestId: String(message.request_id), toolName: String(request.tool_name), input, toolUseId: request.tool_use_id as string | undefined };
}

function answerPermission(message: CliMessage, answer: PermissionAnswerer | undefined, send: (m: Record<string, unknown>) => void): void {
  const permission = permissionOf(message);
  const response = permission && answer?.(permission);
  if (permission && response) {
    send({ type: "control_response", response: { subtype: "success", request_id: permission.requestId, response } });
  }
}

function watchExit(proc: Subprocess, stdoutDone: Promise<void>, transcript: Transcript): Promise<number> {
  return (async () => {
    const code = await proc.exited;
    await stdoutDone;
    transcript.add("exit", { code, signal: proc.signalCode ?? null });
    return code;
  })();
}

/** Spawns the real CLI with {@link STREAM_JSON_ARGS} and answers its permission prompts with `answer`. */
export function spawnCli(options: SpawnCliOptions): CliProcess {
  const argv = [options.bin, ...STREAM_JSON_ARGS, ...(options.args ?? [])];
  const transcript = new Transcript();
  transcript.add("note", { argv: ["claude", ...argv.slice(1)], version: options.version, cwd: options.cwd });
  const proc = Bun.spawn(argv, { cwd: options.cwd, env: options.env, stdin: "pipe", stdout: "pipe", stderr: "pipe" });
  const messages: CliMessage[] = [];
  const errLines: string[] = [];
  const send = (message: Record<string, unknown>): void => {
    transcript.add("host->cli", message);
    proc.stdin.write(`${JSON.stringify(message)}\n`);
    void proc.stdin.flush();
  };
  const stdoutDone = readLines(proc.stdout, (line) => {
    if (!line.trim()) return;
    const message = parseLine(line);
    transcript.add("cli->host", message);
    messages.push(message);
    answerPermission(message, options.answer, send);
  });
  void readLines(proc.stderr, (line) => (errLines.push(line), transcript.add("stderr", line)));
  // A timeout says what the CLI said last, so a hang seen once in CI can be read from its log.
  const waiting = (what: string) => (): string =>
    `${what}\nlast CLI lines:\n${messages.slice(-8).map((m) => JSON.stringify(m).slice(0, 300)).join("\n")}\nstderr: ${errLines.join("\n")}`;
  return {
    proc, messages, transcript, send, exited: watchExit(proc, stdoutDone, transcript),
    sendUser: (text) => send({ type: "user", message: { role: "user", content: text }, parent_tool_use_id: null, session_id: "" }),
    waitFor: (predicate, timeoutMs = 60_000) => waitUntil(() => messages.find(predicate), timeoutMs, waiting("a matching CLI line")),
    waitForResult: (count = 1, timeoutMs = 60_000) =>
      waitUntil(() => messages.filter((m) => m.type === "result")[count - 1], timeoutMs, waiting(`result #${count}`)),
    closeStdin: () => {
      transcript.add("note", "host closes stdin");
      void proc.stdin.end();
    },
    stderr: () => errLines.join("\n"),
  };
}

function parseLine(line: string): CliMessage {
  try {
    return JSON.parse(line) as CliMessage;
  } catch (error) {
    return { type: "unparsable", line, error: String(error) };
  }
}
