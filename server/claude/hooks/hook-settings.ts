/**
 * The `--settings` of one interactive `claude`: a PermissionRequest hook for every tool that asks the ChatML server.
 * An HTTP hook (ADR 0068): the CLI posts the hook's input to `url` itself, with the terminal's secret, so no process
 * is started per request. The CLI gives up after `timeout` seconds and shows its own prompt, so it is a little longer
 * than the server's wait; a failed call (the server gone, the secret refused) also leaves the decision to the TUI.
 * The pinned CLIs run HTTP PermissionRequest hooks and read `hookSpecificOutput.decision` from the response
 * (2.1.119 and 2.1.330 end to end in e2e/interactive-claude.e2e.test.ts; 2.1.332's settings schema has them too).
 */
export function permissionHookSettings(url: string, secret: string, waitSeconds: number): Record<string, unknown> {
  const hook = { type: "http", url, headers: { Authorization: `Bearer ${secret}` }, timeout: waitSeconds + 10 };
  return { hooks: { PermissionRequest: [{ matcher: "*", hooks: [hook] }] } };
}
