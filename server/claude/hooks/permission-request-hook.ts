/**
 * The PermissionRequest hook ChatML gives an interactive `claude` (run by Bun, see interactive-claude.ts). It reads
 * the hook input from stdin, asks the ChatML server (CHATML_HOOK_URL, with the process's CHATML_HOOK_SECRET) and
 * prints the decision. When the server does not decide — nobody answered in time, the server is gone, the secret is
 * refused — it prints nothing and exits 0, so the TUI's own permission prompt decides. Kept dependency-free.
 */
const url = process.env.CHATML_HOOK_URL;
const secret = process.env.CHATML_HOOK_SECRET;

async function main(): Promise<void> {
  const input = await new Response(Bun.stdin.stream()).text();
  if (!url || !secret) return void console.error("chatml hook: no server configured; the terminal prompt decides");
  // The URL is the server's own loopback address; behind --tls-cert its certificate names the public host, not it.
  // `timeout: false`: a question may wait for the user far longer than Bun's 5-minute idle limit of a fetch.
  const init = { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: input, tls: { rejectUnauthorized: false }, timeout: false };
  const response = await fetch(url, init as RequestInit);
  if (!response.ok) return void console.error(`chatml hook: the server answered ${response.status}; the terminal prompt decides`);
  const { decision } = (await response.json()) as { decision: { behavior: "allow" | "deny"; message?: string; updatedInput?: Record<string, unknown> } | null };
  if (!decision) return;
  process.stdout.write(JSON.stringify({ hookSpecificOutput: { hookEventName: "PermissionRequest", decision } }));
}

await main().catch((error: unknown) => console.error("chatml hook:", error instanceof Error ? error.message : error));
