/**
 * The `--settings` hooks of one interactive `claude`, both HTTP hooks (ADR 0068) that the CLI posts to the ChatML
 * server itself with the terminal's secret, so no process is started per call:
 * - PermissionRequest for every tool asks the server (`permissionUrl`). The CLI gives up after `timeout` seconds and
 *   shows its own prompt, so it is a little longer than the server's wait; a failed call (the server gone, the secret
 *   refused) also leaves the decision to the TUI. The pinned CLIs run HTTP PermissionRequest hooks and read
 *   `hookSpecificOutput.decision` from the response (2.1.119 and 2.1.330 end to end in
 *   e2e/interactive-claude.e2e.test.ts; 2.1.332's settings schema has them too).
 * - UserPromptSubmit lets the server refuse a prompt typed into the TUI (`promptUrl`): a `/name` switched off on the
 *   Skills screen (ADR 0083). A failed call lets the prompt through.
 * - PreToolUse for the Skill tool asks the same endpoint before the model runs a skill (ADR 0087b).
 * Both read the Skills screen's switches at each use, so a switch takes effect both ways in a running TUI: its
 * settings name no skill `off` (`skillOverrides` is read once, at launch; ADR 0092).
 */
export function tuiHookSettings({ permissionUrl, promptUrl, secret, waitSeconds }: { permissionUrl: string; promptUrl: string; secret: string; waitSeconds: number }): Record<string, unknown> {
  const headers = { Authorization: `Bearer ${secret}` };
  return {
    hooks: {
      PermissionRequest: [{ matcher: "*", hooks: [{ type: "http", url: permissionUrl, headers, timeout: waitSeconds + 10 }] }],
      UserPromptSubmit: [{ hooks: [{ type: "http", url: promptUrl, headers, timeout: PROMPT_CHECK_SECONDS }] }],
      PreToolUse: [{ matcher: "Skill", hooks: [{ type: "http", url: promptUrl, headers, timeout: PROMPT_CHECK_SECONDS }] }],
    },
  };
}

/** The prompt and skill checks read the skills list only; a server that takes longer is not waited for. */
const PROMPT_CHECK_SECONDS = 10;
