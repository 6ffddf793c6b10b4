import type { LoopbackHttpHandler } from "../ws/cli-socket-listener.ts";
import { hookSecretOf, parseHookInput, readHookBody, servedAsPlainError } from "./permission-hook-endpoint.ts";
import { plainResponse } from "./security-headers.ts";

/** Where an interactive `claude`'s UserPromptSubmit HTTP hook posts, on the loopback CLI listener. */
export const PROMPT_HOOK_PATH = "/hooks/user-prompt-submit";

type PromptHookDeps = {
  /** Throws `unauthorized` unless the secret is a running interactive claude's. */
  authenticate(hookSecret: string | null): void;
  /** Why the prompt must not run, or null. */
  refusalOf(hookSecret: string | null, prompt: string): string | null;
  /** Why the model's Skill tool must not run the skill `name`, or null. */
  skillRefusalOf(hookSecret: string | null, name: string): string | null;
};

/**
 * The interactive TUI's hooks that ask whether something may run (ADR 0083), posted here with the terminal's secret:
 * - UserPromptSubmit, for each prompt typed into the TUI: `refusalOf` says why it must not run (a `/name` switched off
 *   on the Skills screen), and the answer blocks it with that reason, which the TUI shows;
 * - PreToolUse for the Skill tool, before the model runs a skill: `skillRefusalOf` says why (switched off, even after
 *   the TUI started, when its `skillOverrides` still said on), and the answer denies the call with that reason, which
 *   the model reads as the tool's error (ADR 0087b).
 * `{}` lets it through. Null for other paths.
 * @example cliSockets.addHttpHandler(promptHookEndpoint({ authenticate: (s) => broker.authenticate(s), refusalOf: (s, p) => claude.refusalOf(s, p), skillRefusalOf: (s, n) => claude.skillRefusalOf(s, n) }));
 */
export function promptHookEndpoint({ authenticate, refusalOf, skillRefusalOf }: PromptHookDeps): LoopbackHttpHandler {
  return (request) => {
    if (new URL(request.url).pathname !== PROMPT_HOOK_PATH) return null;
    return servedAsPlainError(async () => {
      if (request.method !== "POST") return plainResponse(405, "Only POST is served here.");
      const secret = hookSecretOf(request);
      // Checked before the body is read: a caller without the secret is never read from.
      authenticate(secret);
      const input = parseHookInput(await readHookBody(request));
      if (input.hook_event_name === "PreToolUse") {
        // Read at the first Skill call: only a running TUI reaches here, never a start (issue 16).
        const { skillCalledIn, skillDenial } = await import("../claude/skill-gate.ts");
        const skill = skillCalledIn(input);
        const reason = skill === null ? null : skillRefusalOf(secret, skill);
        return Response.json(reason ? skillDenial(reason) : {});
      }
      const reason = typeof input.prompt === "string" ? refusalOf(secret, input.prompt) : null;
      return Response.json(reason ? { decision: "block", reason } : {});
    });
  };
}
