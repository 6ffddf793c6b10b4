import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hookBlockedByManagedSettings, managedSettingsDir } from "./managed-hook-policy.ts";

const HOOK = { url: "http://127.0.0.1:41234/hooks/permission", name: "permission hook" };
const SKILL_HOOK = { url: "http://127.0.0.1:41234/hooks/user-prompt-submit", name: "skill check" };
let dir = "";

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "chatml-managed-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, settings: unknown) => {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, typeof settings === "string" ? settings : JSON.stringify(settings));
  return path;
};

describe("managed settings that keep the TUI's HTTP permission hook from running (real files)", () => {
  it("nothing blocks it without managed settings, without the list, or when a pattern covers loopback", () => {
    expect(hookBlockedByManagedSettings(HOOK, join(dir, "missing"))).toBeNull();
    write("managed-settings.json", { permissions: { deny: ["Bash(rm:*)"] } });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toBeNull();
    write("managed-settings.json", { allowedHttpHookUrls: ["https://hooks.example.com/*", "http://127.0.0.1:*"] });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toBeNull();
  });

  it("a list that leaves loopback out blocks it, naming the file, the patterns and the hook's URL", () => {
    const path = write("managed-settings.json", { allowedHttpHookUrls: ["https://hooks.example.com/*"] });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toBe(
      `the managed Claude Code settings (${path}) allow HTTP hooks only to https://hooks.example.com/*, and ChatML's permission hook posts to ${HOOK.url}`,
    );
    // `*` is the only wildcard: a dot in a pattern is a dot.
    write("managed-settings.json", { allowedHttpHookUrls: ["http://127.0.0.1.evil/*"] });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toMatch(/allow HTTP hooks only to http:\/\/127\.0\.0\.1\.evil\/\*/);
  });

  it("each hook is checked against the list on its own: a list naming only the permission hook's URL blocks the skill check", () => {
    const path = write("managed-settings.json", { allowedHttpHookUrls: [HOOK.url] });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toBeNull();
    expect(hookBlockedByManagedSettings(SKILL_HOOK, dir)).toBe(
      `the managed Claude Code settings (${path}) allow HTTP hooks only to ${HOOK.url}, and ChatML's skill check posts to ${SKILL_HOOK.url}`,
    );
    write("managed-settings.json", { disableAllHooks: true });
    expect(hookBlockedByManagedSettings(SKILL_HOOK, dir)).toMatch(/set disableAllHooks, so ChatML's skill check does not run$/);
  });

  it("an empty list allows no HTTP hook; lists in the drop-in folder merge with the main file's", () => {
    write("managed-settings.json", { allowedHttpHookUrls: [] });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toMatch(/allow no HTTP hooks/);
    write("managed-settings.d/20-chatml.json", { allowedHttpHookUrls: ["http://127.0.0.1:*/hooks/*"] });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toBeNull();
  });

  it("allowManagedHooksOnly or disableAllHooks blocks it whatever the list; a file that is not JSON is skipped", () => {
    write("managed-settings.json", "{ not json");
    expect(hookBlockedByManagedSettings(HOOK, dir)).toBeNull();
    const path = write("managed-settings.d/10-lock.json", { allowManagedHooksOnly: true, allowedHttpHookUrls: ["http://127.0.0.1:*"] });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toBe(`the managed Claude Code settings (${path}) set allowManagedHooksOnly, so ChatML's permission hook does not run`);
    write("managed-settings.d/10-lock.json", { disableAllHooks: true });
    expect(hookBlockedByManagedSettings(HOOK, dir)).toMatch(/set disableAllHooks/);
  });

  it("reads the folder the CLI reads on each OS", () => {
    expect(managedSettingsDir("linux")).toBe("/etc/claude-code");
    expect(managedSettingsDir("darwin")).toBe("/Library/Application Support/ClaudeCode");
    expect(managedSettingsDir("win32")).toBe("C:\\Program Files\\ClaudeCode");
  });
});
