import { fileURLToPath } from "node:url";

/** The hook script an interactive `claude` runs for PermissionRequest (run with Bun; see the file). */
export const PERMISSION_HOOK_SCRIPT = fileURLToPath(new URL("./permission-request-hook.ts", import.meta.url));

/**
 * The `--settings` file for one interactive `claude`: a PermissionRequest hook for every tool that asks the ChatML
 * server. The CLI kills a hook after `timeout` seconds and shows its own prompt, so it is a little longer than the
 * server's wait. Both pinned CLIs (2.1.119, 2.1.330) run PermissionRequest hooks and read
 * `hookSpecificOutput.decision.behavior`.
 */
export function permissionHookSettings(bunPath: string, waitSeconds: number): Record<string, unknown> {
  const command = `${shellQuote(bunPath)} ${shellQuote(PERMISSION_HOOK_SCRIPT)}`;
  return { hooks: { PermissionRequest: [{ matcher: "*", hooks: [{ type: "command", command, timeout: waitSeconds + 10 }] }] } };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
