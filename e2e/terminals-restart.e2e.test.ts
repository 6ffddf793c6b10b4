import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { cliBinPath, markClaudeSetUp, REPO_ROOT, startChatml } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { openSessionTerminals, signedInTerminalsStack } from "./support/terminals-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

type Listed = { terminals: { id: string; name: string; kind: string; conversationId: string | null; status: string }[]; ended: { id: string; name: string; kind: string }[] };

/** Each notice of the list can be scrolled into its box, and the box fits the screen: none is cut off for good. */
async function expectAllReachable(page: Page, notices: Locator): Promise<void> {
  const viewport = page.viewportSize()!;
  const items = await notices.getByRole("listitem").all();
  expect(items).toHaveLength(4);
  for (const item of items) {
    await item.scrollIntoViewIfNeeded();
    const [box, shown] = [await notices.boundingBox(), await item.boundingBox()];
    expect(shown!.y).toBeGreaterThanOrEqual(box!.y - 1);
    expect(shown!.y + shown!.height).toBeLessThanOrEqual(box!.y + box!.height + 1);
  }
  const box = (await notices.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

/**
 * A ChatML restart ends every terminal (a PTY cannot outlive the server): a phone that comes back after it sees each
 * one that ended, opens a new one of the same kind in its place, or dismisses the notice.
 */
describe("terminals a ChatML restart ended (real server restarted, real PTYs and CLI, Chromium)", () => {
  // A phone signed in once for the file (ADR 0096), to the restarted server.
  const stack = signedInTerminalsStack("chatml-term-restart", async (started) => {
    const before = new ChatmlClient({ url: started.server.origin, token: started.server.token });
    // Else the TUI exits by itself a few seconds in (it cannot reach Anthropic): on a loaded machine, before the restart.
    markClaudeSetUp(started.env.HOME ?? "");
    const { terminal: build } = await before.api<{ terminal: { id: string } }>(`/api/sessions/${started.sessionId}/terminals`, { body: { name: "build", cols: 80, rows: 24 } });
    await before.api(`/api/sessions/${started.sessionId}/claude`, { body: {} });
    await before.api(`/api/sessions/${started.sessionId}/terminals`, { body: { name: "watch", cols: 80, rows: 24 } });
    // One already ended before the restart (Kill): it vanished without a word; now it says how it ended.
    const { terminal: tests } = await before.api<{ terminal: { id: string } }>(`/api/sessions/${started.sessionId}/terminals`, { body: { name: "tests", cols: 80, rows: 24 } });
    await before.api(`/api/terminals/${tests.id}/kill`, { method: "POST" });
    // What build shows as the server stops is what its notice keeps (its "last words").
    await before.connect([]);
    await before.typeInTerminal(build.id, 'echo "make: built $((6*7)) targets <ok>"\r', "make: built 42 targets <ok>");
    before.disconnect();
    const { terminals } = await before.api<Listed>(`/api/sessions/${started.sessionId}/terminals`);
    expect(terminals.map((t) => `${t.name} ${t.status}`)).toEqual(["build running", "Claude running", "watch running", "tests exited"]);
    await started.server.stop();
    started.server = await startChatml({ dataDir: started.dataDir, claudeBin: cliBinPath("2.1.330"), env: started.env, port: started.server.port });
  });

  afterEach(async () => {
    await stack.devices.closePages();
  });

  it("on a phone turned sideways (844×390) the notice is one item of the terminal's row, and no desktop tab row takes rows either", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const { terminal } = await client.api<{ terminal: { id: string } }>(`/api/sessions/${stack.sessionId}/terminals`, { body: { name: "now", cols: 80, rows: 24 } });
    try {
      const page = await openSessionTerminals(stack.devices.newPage("phone", { width: 844, height: 390 }), stack.server.origin, stack.sessionId);
      const panel = page.getByRole("region", { name: "Terminals" });
      await panel.getByText("4 terminals from before a restart").waitFor({ timeout: 15_000 });
      // The drawer layout's menu is where Home and Devices are; the desktop's tab row took 44 px of the 390.
      await page.getByRole("button", { name: "Open menu" }).first().waitFor();
      expect(await page.getByRole("navigation", { name: "Tabs" }).count()).toBe(0);
      // With the notice on a row of its own and the tab row, the terminal had 7 rows.
      await expect.poll(async () => Number((await panel.getByText(/^\d+×\d+$/).innerText()).split("×")[1]), { timeout: 15_000 }).toBeGreaterThanOrEqual(11);
      await page.screenshot({ path: join(SHOTS, "terminals-ended-by-restart-sideways.png") });
      await page.getByRole("button", { name: "Show the terminals a restart ended" }).tap();
      const sheet = page.getByRole("dialog", { name: "Terminals a ChatML restart ended" });
      await sheet.getByText(/^build \(shell\) ended when ChatML stopped \(at /).waitFor();
      await sheet.getByText(/^tests \(shell\) was killed before ChatML stopped \(at /).waitFor();
      expect(await sheet.getByRole("listitem").count()).toBe(4);
    } finally {
      await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    }
  }, 60_000);

  it("at 1440×900 several fold into one line whose Show all lists them, each reachable", async () => {
    const page = await openSessionTerminals(stack.devices.newPage("desktop"), stack.server.origin, stack.sessionId);
    await page.getByText("4 terminals were listed before ChatML stopped.").waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: "Show the terminals a restart ended" }).click();
    const notices = page.getByRole("dialog", { name: "Terminals a ChatML restart ended" }).getByRole("list", { name: "Terminals ended by a ChatML restart" });
    await expectAllReachable(page, notices);
    await notices.locator('summary[aria-label="Last lines of build"]').click();
    await notices.getByLabel("What build last showed").getByText("make: built 42 targets <ok>").waitFor();
    await page.screenshot({ path: join(SHOTS, "terminals-ended-by-restart-desktop.png") });
  }, 60_000);

  it("says which ended and when at 390×844; Dismiss forgets one, Open again and Resume start the same kind", async () => {
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const listed = () => client.api<Listed>(`/api/sessions/${stack.sessionId}/terminals`);
    const page = await openSessionTerminals(stack.devices.newPage("phone"), stack.server.origin, stack.sessionId);
    // Four listed: one line says so until shown, so the notices do not take the terminal's rows.
    await page.getByText("4 terminals were listed before ChatML stopped.").waitFor({ timeout: 15_000 });
    // Not "No terminals yet": there were four.
    await page.getByText("No terminal is running now.", { exact: false }).waitFor();
    expect(await page.getByText("No terminals yet", { exact: false }).count()).toBe(0);
    await page.getByRole("button", { name: "Show the terminals a restart ended" }).click();
    // Every notice in a sheet whose list scrolls in a bordered box: in a box capped in place, the second was cut off.
    const sheet = page.getByRole("dialog", { name: "Terminals a ChatML restart ended" });
    await sheet.getByText("4 terminals, oldest first.").waitFor({ timeout: 15_000 });
    const notices = sheet.getByRole("list", { name: "Terminals ended by a ChatML restart" });
    await notices.getByText(/^build \(shell\) ended when ChatML stopped \(at /).waitFor();
    await notices.getByText(/^Claude \(Claude TUI\) ended when ChatML stopped \(at /).waitFor();
    await notices.getByText(/^tests \(shell\) was killed before ChatML stopped \(at /).waitFor();
    await expectAllReachable(page, notices);
    // Build's last words: folded until asked for, then its screen as the server stopped, as text.
    const lastWords = notices.getByLabel("What build last showed");
    expect(await lastWords.isVisible()).toBe(false);
    await notices.locator('summary[aria-label="Last lines of build"]').click();
    expect(await lastWords.innerText()).toContain("make: built 42 targets <ok>");
    expect(await lastWords.innerText()).not.toContain("[closed]");
    await page.screenshot({ path: join(SHOTS, "terminals-ended-by-restart-phone.png") });
    // Turned sideways and back while reading: the notice takes its compact form, and the sheet stays open.
    await page.setViewportSize({ width: 844, height: 390 });
    await page.getByText("4 terminals from before a restart").waitFor();
    await page.screenshot({ path: join(SHOTS, "terminals-ended-by-restart-sheet-sideways.png") });
    expect(await sheet.isVisible()).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText("4 terminals were listed before ChatML stopped.").waitFor();
    expect(await sheet.isVisible()).toBe(true);

    await notices.getByRole("button", { name: "Dismiss the notice about tests" }).click();
    await notices.getByRole("button", { name: "Dismiss the notice about watch" }).click();
    await notices.getByText(/^watch \(shell\)/).waitFor({ state: "detached" });
    await expect.poll(async () => (await listed()).ended.map((t) => t.name)).toEqual(["build", "Claude"]);

    await notices.getByRole("button", { name: "Open a new shell in place of build" }).click();
    await sheet.waitFor({ state: "detached" });
    await page.getByRole("tab", { name: "build" }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await listed()).ended.map((t) => t.name)).toEqual(["Claude"]);
    expect((await listed()).terminals).toEqual([expect.objectContaining({ name: "build", kind: "shell", status: "running" })]);

    const { ended } = await client.api<{ ended: { conversationId: string }[] }>(`/api/sessions/${stack.sessionId}/terminals`);
    const conversationId = ended[0]?.conversationId;
    expect(conversationId).toMatch(/^cnv_/);
    // The one left shows in place.
    const left = page.getByRole("list", { name: "Terminals ended by a ChatML restart" });
    await left.getByRole("button", { name: "Open a new Claude TUI in place of Claude" }).click();
    await expect.poll(async () => (await listed()).terminals.filter((t) => t.kind === "claude").map((t) => t.conversationId), { timeout: 15_000 }).toEqual([conversationId]);
    await left.waitFor({ state: "detached" });
  }, 120_000);
});
