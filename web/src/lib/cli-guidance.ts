import type { ServerInfo } from "./api.ts";
import { dotJoin } from "./dot-join.ts";

export type CliInfo = ServerInfo["cli"];

/** What the first screen says about the Claude Code CLI: all is well (one line), or what exactly to do. */
export type CliGuidance =
  | { kind: "ready"; summary: string; notice: string | null }
  | { kind: "problem"; title: string; steps: string[]; detail: string | null; isFixedInSettings?: boolean };

const METHODS: Record<string, string> = {
  api_key: "an API key",
  claude_ai: "a Claude subscription",
  oauth_token: "a Claude subscription",
  third_party: "a cloud provider",
};

/** Steps that sign the CLI in; shown for a signed-out CLI and for sign-in errors in a conversation. */
export const SIGN_IN_STEPS = [
  "On the machine running ChatML, run `claude` in a terminal and sign in with /login (Claude Pro/Max, Team or Console account),",
  "or start ChatML with ANTHROPIC_API_KEY set (an API key from console.anthropic.com),",
  "or use Amazon Bedrock / Google Vertex AI: set CLAUDE_CODE_USE_BEDROCK=1 or CLAUDE_CODE_USE_VERTEX=1 with that provider's credentials.",
];

/**
 * Reads the server's CLI facts into guidance. Pure. `claudeBin`: the path set in Settings, if any; a CLI not found
 * there is that path's fault, not a missing install.
 */
export function cliGuidance(cli: CliInfo, claudeBin: string | null = null): CliGuidance {
  if (cli.error !== null && cli.path !== null) {
    // Found, but ChatML will not run it (too old): updating it is the step, not installing it.
    return {
      kind: "problem",
      title: `Claude Code ${cli.version ?? ""} is too old for ChatML`.replace("  ", " "),
      steps: [
        "Update it on the machine running ChatML: npm install -g @anthropic-ai/claude-code@latest (or `claude update`),",
        "or point ChatML at a newer one: start with --claude-bin /path/to/claude (or set CHATML_CLAUDE_BIN, or Settings).",
      ],
      detail: cli.error,
    };
  }
  if ((cli.error !== null || cli.path === null) && claudeBin !== null) {
    return {
      kind: "problem",
      title: "The Claude Code binary set in Settings runs no Claude Code",
      steps: [
        "Correct the path under Settings → Claude Code binary (`which claude` prints it on the machine running ChatML),",
        "or empty it there to let ChatML find claude by itself.",
      ],
      detail: cli.error,
      isFixedInSettings: true,
    };
  }
  if (cli.error !== null || cli.path === null) {
    return {
      kind: "problem",
      title: "Claude Code is not installed where ChatML looks",
      steps: [
        "Install it on the machine running ChatML: npm install -g @anthropic-ai/claude-code",
        "or point ChatML at it: start with --claude-bin /path/to/claude (or set CHATML_CLAUDE_BIN).",
      ],
      detail: cli.error,
    };
  }
  const auth = cli.auth;
  if (auth === null || auth.isSignedIn === null) {
    return {
      kind: "problem",
      title: "ChatML could not tell whether Claude Code is signed in",
      steps: ["Run `claude auth status` in a terminal on the machine running ChatML to see why.", ...SIGN_IN_STEPS.slice(0, 1)],
      detail: auth && "error" in auth ? auth.error : null,
    };
  }
  if (!auth.isSignedIn) {
    return { kind: "problem", title: `Claude Code ${cli.version ?? ""} is not signed in`.replace("  ", " "), steps: SIGN_IN_STEPS, detail: null };
  }
  const via = auth.provider !== "firstParty" ? auth.provider[0]?.toUpperCase() + auth.provider.slice(1) : (METHODS[auth.method] ?? auth.method);
  const source = auth.source ? ` (${auth.source})` : "";
  // `notice`: the server's word that this CLI is newer than any ChatML was tested with (it runs all the same).
  return { kind: "ready", summary: dotJoin([`Claude Code ${cli.version}`, `signed in with ${via}${source}`, cli.transport ?? "stdio"]), notice: cli.notice };
}

/** True for CLI errors that mean "not signed in" (so the conversation shows the same steps as the first screen). */
export function isSignInError(text: string): boolean {
  return /not logged in|run \/login|invalid (x-)?api[ -]?key|authentication_error|oauth token (has )?expired|please (log|sign) ?in/i.test(text);
}
