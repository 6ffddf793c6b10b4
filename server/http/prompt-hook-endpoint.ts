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
};

/**
 * The interactive TUI's UserPromptSubmit hook (ADR 0083): Claude Code POSTs each prompt typed into it here (with the
 * terminal's secret) before it runs. `refusalOf` says why it must not run (a `/name` switched off on the Skills
 * screen), and the answer blocks it with that reason, which the TUI shows; `{}` lets it through. Null for other paths.
 * @example cliSockets.addHttpHandler(promptHookEndpoint({ authenticate: (s) => broker.authenticate(s), refusalOf: (s, p) => claude.refusalOf(s, p) }));
 */
export function promptHookEndpoint({ authenticate, refusalOf }: PromptHookDeps): LoopbackHttpHandler {
  return (request) => {
    if (new URL(request.url).pathname !== PROMPT_HOOK_PATH) return null;
    return servedAsPlainError(async () => {
      if (request.method !== "POST") return plainResponse(405, "Only POST is served here.");
      const secret = hookSecretOf(request);
      // Checked before the body is read: a caller without the secret is never read from.
      authenticate(secret);
      const { prompt } = parseHookInput(await readHookBody(request));
      const reason = typeof prompt === "string" ? refusalOf(secret, prompt) : null;
      return Response.json(reason ? { decision: "block", reason } : {});
    });
  };
}
