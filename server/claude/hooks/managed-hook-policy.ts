import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Where Claude Code reads its managed (administrator) settings on this OS: `managed-settings.json` and the drop-in
 * folder `managed-settings.d/` inside it (as the CLI's own `getManagedFilePath` decides).
 */
export function managedSettingsDir(platform: NodeJS.Platform = process.platform): string {
  if (platform === "darwin") return "/Library/Application Support/ClaudeCode";
  if (platform === "win32") return "C:\\Program Files\\ClaudeCode";
  return "/etc/claude-code";
}

type ManagedFile = { path: string; settings: Record<string, unknown> };

/** The managed settings files the CLI merges: the main file, then the drop-ins in name order; unreadable ones skipped. */
function managedFiles(dir: string): ManagedFile[] {
  const dropIns = join(dir, "managed-settings.d");
  let names: string[] = [];
  try {
    names = readdirSync(dropIns).filter((name) => name.endsWith(".json")).sort();
  } catch {
    // No drop-in folder: the common case.
  }
  const paths = [join(dir, "managed-settings.json"), ...names.map((name) => join(dropIns, name))];
  return paths.flatMap((path) => {
    try {
      const settings: unknown = JSON.parse(readFileSync(path, "utf8"));
      return settings && typeof settings === "object" && !Array.isArray(settings) ? [{ path, settings: settings as Record<string, unknown> }] : [];
    } catch {
      // Missing, or not JSON (the CLI ignores such a file as well).
      return [];
    }
  });
}

/** Whether `url` matches an `allowedHttpHookUrls` pattern (`*` matches anything, the rest literally). */
function matchesPattern(url: string, pattern: string): boolean {
  const source = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${source}$`).test(url);
}

/** One HTTP hook ChatML sets in an interactive TUI's settings: where it posts, and its name in words ("permission hook"). */
export type ChatmlHttpHook = { url: string; name: string };

/**
 * Why the CLI's managed settings keep one of the interactive TUI's HTTP hooks from running, in words, or null when
 * nothing blocks it: `allowedHttpHookUrls` (merged across the managed files) without a pattern for its URL (each hook
 * is checked on its own: a list may name one hook's path and not another's), `allowManagedHooksOnly` (our hooks come
 * from `--settings`), or `disableAllHooks`.
 * @example hookBlockedByManagedSettings({ url: "http://127.0.0.1:3456/hooks/permission", name: "permission hook" }) // null on most machines
 */
export function hookBlockedByManagedSettings({ url, name }: ChatmlHttpHook, dir: string = managedSettingsDir()): string | null {
  const files = managedFiles(dir);
  const flagged = (key: string) => files.find((file) => file.settings[key] === true);
  const disabled = flagged("disableAllHooks") ?? flagged("allowManagedHooksOnly");
  if (disabled) {
    const key = disabled.settings.disableAllHooks === true ? "disableAllHooks" : "allowManagedHooksOnly";
    return `the managed Claude Code settings (${disabled.path}) set ${key}, so ChatML's ${name} does not run`;
  }
  const lists = files.filter((file) => Array.isArray(file.settings.allowedHttpHookUrls));
  if (lists.length === 0) return null;
  const patterns = lists.flatMap((file) => (file.settings.allowedHttpHookUrls as unknown[]).filter((p): p is string => typeof p === "string"));
  if (patterns.some((pattern) => matchesPattern(url, pattern))) return null;
  const where = lists.map((file) => file.path).join(", ");
  const allowed = patterns.length > 0 ? `HTTP hooks only to ${patterns.join(", ")}` : "no HTTP hooks";
  return `the managed Claude Code settings (${where}) allow ${allowed}, and ChatML's ${name} posts to ${url}`;
}
