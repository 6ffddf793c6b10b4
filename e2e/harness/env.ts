import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Inputs of {@link cliEnv}. */
export interface CliEnvOptions {
  /** Base URL of the fake API, e.g. `http://127.0.0.1:8123`. */
  apiUrl: string;
  /** A scratch HOME: the CLI keeps sessions, settings and plans under `$HOME/.claude`. */
  home: string;
}

/** The environment the real CLI needs to run offline against the fake API. */
export function cliEnv({ apiUrl, home }: CliEnvOptions): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    SHELL: process.env.SHELL ?? "/bin/bash",
    HOME: home,
    ANTHROPIC_BASE_URL: apiUrl,
    ANTHROPIC_API_KEY: "sk-test",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    DISABLE_AUTOUPDATER: "1",
    CLAUDE_CODE_MAX_RETRIES: "1",
  };
}

/** Creates a fresh directory under the OS temp dir and returns its path. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix.replace(/[^\w.-]/g, "-")}-`));
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
