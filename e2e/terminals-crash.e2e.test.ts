import { Database } from "bun:sqlite";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cliBinPath, startChatml } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { pollUntil } from "./support/poll-until.ts";
import { openSessionTerminals, SHOTS, signedInTerminalsStack } from "./support/terminals-page.ts";

/** The record of a terminal the server keeps in its database, as a server killed now would leave it ("" if none). */
function recorded(dataDir: string, id: string): string {
  const db = new Database(join(dataDir, "chatml.db"), { readonly: true });
  try {
    return db.query<{ info: string }, [string]>("SELECT info FROM terminals WHERE id = ?").get(id)?.info ?? "";
  } finally {
    db.close();
  }
}

/**
 * A server killed with no stop at all (kill -9, a crash, the power) ends every terminal too: the next start says it quit
 * unexpectedly, last seen when it still ran them (ADR 0317), and each notice keeps what the terminal last showed,
 * recorded while it ran (they were saved only at a clean stop).
 */
describe("terminals a ChatML crash ended (server killed -9, real PTY, Chromium)", () => {
  const stack = signedInTerminalsStack("chatml-term-crash", async (started) => {
    const before = new ChatmlClient({ url: started.server.origin, token: started.server.token });
    const { terminal } = await before.api<{ terminal: { id: string } }>(`/api/sessions/${started.sessionId}/terminals`, { body: { name: "build", cols: 80, rows: 24 } });
    await before.connect([]);
    await before.typeInTerminal(terminal.id, 'echo "crash: built $((6*7)) targets"\r', "crash: built 42 targets");
    before.disconnect();
    await pollUntil(async () => recorded(started.dataDir, terminal.id), (info) => info.includes("crash: built 42 targets"), "the terminal's last lines to be recorded while it runs", 30_000);
    started.server.kill("SIGKILL");
    await started.server.proc.exited;
    started.server = await startChatml({ dataDir: started.dataDir, claudeBin: cliBinPath("2.1.330"), env: started.env, port: started.server.port });
  });

  afterEach(async () => {
    await stack.devices.closePages();
  });

  it("at 390×844 the notice shows its last lines, and they stay open as the phone turns sideways and back", async () => {
    const page = await openSessionTerminals(stack.devices.newPage("phone", { width: 390, height: 844 }), stack.server.origin, stack.sessionId, { unfold: false });
    const panel = page.getByRole("region", { name: "Terminals" });
    await panel.getByText(/^build \(shell\) ended when ChatML quit unexpectedly \(last seen /).waitFor({ timeout: 15_000 });
    await panel.getByText("Last lines", { exact: true }).tap();
    const lastShown = page.getByRole("figure", { name: "What build last showed" });
    await expect.poll(() => lastShown.isVisible()).toBe(true);
    expect(await lastShown.innerText()).toContain("crash: built 42 targets");
    await page.screenshot({ path: join(SHOTS, "terminals-crash-last-lines-390x844.png") });

    // Sideways the notice is one item of the short row; its sheet lists it with its last lines still open.
    await page.setViewportSize({ width: 844, height: 390 });
    await page.getByRole("button", { name: "Show the terminals a restart ended" }).tap();
    const sheet = page.getByRole("dialog", { name: "Terminals a ChatML restart ended" });
    await expect.poll(() => sheet.getByRole("figure", { name: "What build last showed" }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "terminals-crash-last-lines-844x390.png") });
    await page.keyboard.press("Escape");
    await expect.poll(() => sheet.count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => lastShown.isVisible()).toBe(true);
  }, 90_000);
});
