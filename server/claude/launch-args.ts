import type { Transport } from "../../shared/protocol/model.ts";

/** What the argv depends on. `sdkUrl` is required for the sdk-url transport. */
export type LaunchArgsInput = {
  transport: Transport;
  sdkUrl?: string | null;
  model: string | null;
  effort?: string | null;
  permissionMode: string | null;
  resumeSessionId: string | null;
  /** More flags appended after ours (budgets, MCP config, forking). */
  extraArgs?: string[];
};

/** Flags both transports share: NDJSON both ways, partial messages, permission prompts as control requests. */
const STREAM_FLAGS = [
  "--input-format",
  "stream-json",
  "--output-format",
  "stream-json",
  "--verbose",
  "--include-partial-messages",
  "--permission-prompt-tool",
  "stdio",
];

/**
 * Builds the CLI argv (without the binary). Pure.
 *
 * `--dangerously-skip-permissions` is never passed: `--permission-mode bypassPermissions` alone enables bypass on
 * 2.1.119 and 2.1.330 (both run the same safety checks for it, e.g. refusing root without IS_SANDBOX=1).
 *
 * @example buildLaunchArgs({ transport: "stdio", model: null, permissionMode: "plan", resumeSessionId: null })
 */
export function buildLaunchArgs(input: LaunchArgsInput): string[] {
  const head = input.transport === "sdk-url" ? ["--sdk-url", requireSdkUrl(input.sdkUrl), "-p", "x"] : ["-p"];
  const args = [...head, ...STREAM_FLAGS];
  if (input.permissionMode) args.push("--permission-mode", input.permissionMode);
  if (input.model) args.push("--model", input.model);
  if (input.effort) args.push("--effort", input.effort);
  if (input.resumeSessionId) args.push("--resume", input.resumeSessionId);
  if (input.extraArgs) args.push(...joinSettings(input.extraArgs));
  return args;
}

/**
 * Several rooms add `--settings '{…}'` (MCP's `disabledMcpjsonServers`, skills' `skillOverrides`), and the CLI keeps
 * only the last `--settings` it is given: the JSON ones become one flag, in the first one's place, with every key.
 * A `--settings` naming a file is left as it is.
 */
export function joinSettings(extraArgs: string[]): string[] {
  const joined: Record<string, unknown> = {};
  let firstAt = -1;
  const out: string[] = [];
  for (let i = 0; i < extraArgs.length; i++) {
    const settings = extraArgs[i] === "--settings" ? jsonObjectOf(extraArgs[i + 1]) : null;
    if (!settings) {
      out.push(extraArgs[i] as string);
      continue;
    }
    Object.assign(joined, settings);
    if (firstAt < 0) firstAt = out.length;
    i++;
  }
  if (firstAt >= 0) out.splice(firstAt, 0, "--settings", JSON.stringify(joined));
  return out;
}

function jsonObjectOf(text: string | undefined): Record<string, unknown> | null {
  if (!text?.trimStart().startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function requireSdkUrl(sdkUrl: string | null | undefined): string {
  if (!sdkUrl) throw new Error("the sdk-url transport needs an sdkUrl");
  return sdkUrl;
}
