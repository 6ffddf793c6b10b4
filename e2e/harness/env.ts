import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
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

/**
 * The environment the real CLI needs to run offline against the fake API. Its scratch files go under `home` too: the
 * CLI keeps them in `/tmp/claude-<uid>/<cwd>` (ignoring TMPDIR) unless CLAUDE_CODE_TMPDIR says otherwise, and its
 * sockets in `$XDG_RUNTIME_DIR/cc-socks` (else `/tmp`), so every test run would leave folders behind in /tmp.
 */
export function cliEnv({ apiUrl, home }: CliEnvOptions): Record<string, string> {
  const scratch = join(home, ".tmp");
  mkdirSync(scratch, { recursive: true, mode: 0o700 });
  return {
    CLAUDE_CODE_TMPDIR: scratch,
    XDG_RUNTIME_DIR: scratch,
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

/**
 * Marks Claude Code's first-run setup (theme, sign-in, the check that it reaches Anthropic) done for this HOME, and
 * `trustedFolders` trusted. The interactive CLI needs it: without it the TUI tries api.anthropic.com, which is
 * unreachable here, and exits with code 1 some seconds after it started (CI: a terminal a test meant to be running
 * had exited before the restart it tested).
 */
export function markClaudeSetUp(home: string, trustedFolders: string[] = []): void {
  const trusted = Object.fromEntries(trustedFolders.map((folder) => [folder, { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true }]));
  const setUp = { hasCompletedOnboarding: true, hasSeenAutoDefaultNudge: true, theme: "dark", customApiKeyResponses: { approved: ["sk-test"], rejected: [] }, projects: trusted };
  writeFileSync(join(home, ".claude.json"), JSON.stringify(setUp));
}

/**
 * The directories {@link tempDir} made for the test file running now: the e2e setup file removes them once the file's
 * stacks have stopped (temp-dirs.ts).
 */
export const madeTempDirs: string[] = [];

/** Creates a fresh directory under the OS temp dir and returns its path (removed after the test file, see above). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix.replace(/[^\w.-]/g, "-")}-`));
  madeTempDirs.push(dir);
  return dir;
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
