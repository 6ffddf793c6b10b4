import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import pins from "../cli-versions.json" with { type: "json" };

/** The pinned Claude Code CLI versions the e2e suite runs against (see e2e/cli-versions.json). */
export const PINNED_CLI_VERSIONS: readonly string[] = pins.versions;

/** Where scripts/install-cli.sh puts the CLIs (override with CHATML_CLI_CACHE). */
export function cliCacheDir(): string {
  return process.env.CHATML_CLI_CACHE ?? join(homedir(), ".cache", "chatml", "cli");
}

/** Path of the `claude` executable of a pinned version, installed by scripts/install-cli.sh. */
export function cliBinPath(version: string): string {
  return join(cliCacheDir(), version, "node_modules", ".bin", "claude");
}

/** The pinned versions that are installed on this machine. */
export function installedCliVersions(): string[] {
  return PINNED_CLI_VERSIONS.filter((v) => existsSync(cliBinPath(v)));
}
