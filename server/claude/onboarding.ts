import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Claude Code's own state file for the user the CLI runs as: `$CLAUDE_CONFIG_DIR/.claude.json`, else
 * `$HOME/.claude.json` (beside, not inside, `~/.claude`).
 */
export function claudeStateFileOf(env: Record<string, string | undefined>, fallbackHome: string): string {
  return env["CLAUDE_CONFIG_DIR"] ? join(env["CLAUDE_CONFIG_DIR"], ".claude.json") : join(env["HOME"] || fallbackHome, ".claude.json");
}

/**
 * Whether this user went through the interactive CLI's first-run setup (theme, sign-in, a check that it reaches
 * Anthropic), which the TUI runs before anything else and `claude -p` skips: false when the state file is missing or
 * does not say so, null when it cannot be read (ChatML only reads it; ADR 0071).
 */
export function hasCompletedOnboarding(stateFile: string): boolean | null {
  let text: string;
  try {
    text = readFileSync(stateFile, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? false : null;
  }
  try {
    return (JSON.parse(text) as { hasCompletedOnboarding?: unknown }).hasCompletedOnboarding === true;
  } catch {
    return null;
  }
}
