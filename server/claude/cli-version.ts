import type { Transport, TransportSetting } from "../../shared/protocol/model.ts";

/** A Claude Code CLI version, as printed by `claude --version` (`2.1.119 (Claude Code)`). */
export type CliVersion = { major: number; minor: number; patch: number; raw: string };

/** The newest CLI that still accepts `--sdk-url` to a local host; 2.1.121+ rejects it. */
export const LAST_SDK_URL_VERSION: CliVersion = { major: 2, minor: 1, patch: 120, raw: "2.1.120" };

/**
 * The oldest CLI ChatML runs: the oldest the end-to-end suite drives (e2e/cli-versions.json). Older ones lack flags and
 * subcommands ChatML passes (1.0.x takes `claude auth status` for a prompt and sends it to the model, and refuses
 * `--include-partial-messages`), so they are refused with what to do instead of failing in every conversation.
 */
export const MIN_SUPPORTED_VERSION: CliVersion = { major: 2, minor: 1, patch: 119, raw: "2.1.119" };

/**
 * The newest CLI ChatML was tested with: the newest the end-to-end suite drives (e2e/cli-versions.json). Newer ones run
 * (most releases change nothing ChatML uses), but the user is told once where the version is shown, so a problem they
 * meet is not taken for one of ChatML's that was always there.
 */
export const NEWEST_TESTED_VERSION: CliVersion = { major: 2, minor: 1, patch: 332, raw: "2.1.332" };

/** What to tell the user of a CLI newer than any ChatML was tested with (and what to do), or null when it was tested. */
export function untestedNotice(version: CliVersion): string | null {
  if (compareCliVersions(version, NEWEST_TESTED_VERSION) <= 0) return null;
  return `Claude Code ${version.raw} is newer than ChatML was tested with (${NEWEST_TESTED_VERSION.raw}): if something looks wrong, tell us, or pin an older one with --claude-bin.`;
}

/** Why ChatML will not run this CLI (too old, and how to update it), or null when it will. */
export function unsupportedReason(version: CliVersion, path: string): string | null {
  if (compareCliVersions(version, MIN_SUPPORTED_VERSION) >= 0) return null;
  return `Claude Code ${version.raw} (${path}) is older than ChatML supports (${MIN_SUPPORTED_VERSION.raw} or later). Update it with \`npm install -g @anthropic-ai/claude-code@latest\` (or \`claude update\`), or point ChatML at a newer one with --claude-bin or Settings.`;
}

/** Reads the first `x.y.z` of `--version` output; null when there is none. */
export function parseCliVersion(output: string): CliVersion | null {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!match) return null;
  const [raw, major, minor, patch] = match as unknown as [string, string, string, string];
  return { major: Number(major), minor: Number(minor), patch: Number(patch), raw };
}

/** Orders two versions: negative when `a` is older, 0 when equal, positive when newer. */
export function compareCliVersions(a: CliVersion, b: CliVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * The transport to use for a CLI: a forced setting wins; `auto` picks `sdk-url` up to 2.1.120 and `stdio` after
 * (and when the version is unknown, since stdio works on every version).
 */
export function pickTransport(setting: TransportSetting, version: CliVersion | null): Transport {
  if (setting !== "auto") return setting;
  if (version === null) return "stdio";
  return compareCliVersions(version, LAST_SDK_URL_VERSION) <= 0 ? "sdk-url" : "stdio";
}
