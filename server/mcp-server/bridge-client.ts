import { messageOf } from "../../shared/error-message.ts";
/** What a tool answers the model: text content, flagged as an error when ChatML refused or could not be reached. */
export type ToolAnswer = { content: { type: "text"; text: string }[]; isError?: boolean };

/** Calls the ChatML server's loopback MCP bridge (`POST <url>/<tool>` with the launch's bearer secret). */
export class BridgeClient {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  /** Reads CHATML_MCP_URL and CHATML_MCP_TOKEN; exits with a clear message when they are missing. */
  static fromEnv(env: Record<string, string | undefined>): BridgeClient {
    const url = env.CHATML_MCP_URL;
    const token = env.CHATML_MCP_TOKEN;
    if (!url || !token) {
      process.stderr.write("chatml MCP server: CHATML_MCP_URL and CHATML_MCP_TOKEN must be set (ChatML sets them when it launches Claude Code)\n");
      process.exit(2);
    }
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) {
      process.stderr.write(`chatml MCP server: refusing a non-loopback bridge URL ${url}\n`);
      process.exit(2);
    }
    return new BridgeClient(url.replace(/\/$/, ""), token);
  }

  /** One tool call; never throws (the model gets the error as the tool's text). */
  async call(tool: string, input: unknown): Promise<ToolAnswer> {
    try {
      const response = await fetch(`${this.url}/${tool}`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
        body: JSON.stringify(input ?? {}),
      });
      const body = (await response.json().catch(() => null)) as { text?: unknown; error?: { message?: unknown } } | null;
      if (!response.ok) return failure(typeof body?.error?.message === "string" ? body.error.message : `ChatML answered ${response.status}`);
      return { content: [{ type: "text", text: typeof body?.text === "string" ? body.text : JSON.stringify(body) }] };
    } catch (error) {
      return failure(`ChatML could not be reached: ${messageOf(error)}`);
    }
  }
}

function failure(text: string): ToolAnswer {
  return { content: [{ type: "text", text }], isError: true };
}
