import { realpathSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApi, type FakeApi } from "./fake-api/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";
import { cliBinPath, cliEnv, markClaudeSetUp, requestText, startChatml, startServerAndBrowser, tempDir, type ChatmlServer } from "./harness/index.ts";
import { openSessionTerminals, SHOTS, submitTuiPrompt } from "./support/terminals-page.ts";

const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();

/**
 * "+ Claude" starts the TUI in the mode picked beside it, passed as `--permission-mode`, and the terminal says the mode
 * the TUI's status line shows: on the oldest and the newest pinned CLI, for a user with no Claude Code settings of
 * their own (2.1.332's own default is auto mode, where Bash runs with no card on any device; ADR 0098). And the effort
 * level chosen for a conversation (ADR 0301) reaches its TUI as `--effort`, as it reaches its chat launches.
 */
describe.each(["2.1.119", "2.1.332"])("the mode and effort an interactive claude %s starts in", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let devices: SignedInDevices;
  let client: ChatmlClient;
  let sessionId = "";

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const home = tempDir("chatml-tui-mode-home");
    const folder = realpathSync(tempDir("chatml-tui-mode-folder"));
    markClaudeSetUp(home, [folder]);
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-tui-mode-data"), claudeBin: cliBinPath(version), env: cliEnv({ apiUrl: api.url, home }) })));
    devices = new SignedInDevices(browser, server);
    client = new ChatmlClient({ url: server.origin, token: server.token });
    sessionId = (await client.api<{ session: { id: string } }>("/api/start", { method: "POST", body: { path: folder } })).session.id;
  });

  afterAll(async () => {
    await devices?.close();
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("runs the mode picked for + Claude, says so, and a Bash call asks or not as that mode does", async () => {
    const page = await openSessionTerminals(devices.open("desktop", "#/"), server.origin, sessionId);
    const picker = page.getByRole("combobox", { name: "Mode of a new interactive Claude" });
    const tabs = page.getByRole("tablist", { name: "Terminals of this session" }).getByRole("tab");
    const status = page.getByRole("region", { name: "Terminals" }).getByText(/Interactive Claude\s· plan limits/);
    // Picked by default: Ask before acting, so the Bash call waits for a card.
    expect(await picker.inputValue()).toBe("default");
    await page.getByRole("button", { name: "+ Claude" }).click();
    await expect.poll(() => screenOf(page), { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toContain("Ask before acting");
    await submitTuiPrompt(page, "@@bash ask first");
    await page.getByTestId("approval-card").waitFor({ timeout: 60_000 });
    await page.getByTestId("approval-card").getByRole("button", { name: "Deny Bash" }).click();

    // A second TUI of the session, in another mode: its status line is what the terminal says.
    await picker.selectOption("acceptEdits");
    await page.getByRole("button", { name: "+ Claude" }).click();
    await expect.poll(() => tabs.count()).toBe(2);
    // The TUI's own status line says it runs in that mode, and so does the terminal.
    await expect.poll(() => screenOf(page), { timeout: 60_000 }).toContain("accept edits on");
    expect(await status.innerText()).toContain("Accept edits");
    if (version !== "2.1.332") return;

    // The user's own settings (none): 2.1.332's default, auto mode, runs Bash with no card, and the terminal says so.
    await picker.selectOption("settings");
    await page.getByRole("button", { name: "+ Claude" }).click();
    await expect.poll(() => tabs.count()).toBe(3);
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toContain("Auto mode");
    await submitTuiPrompt(page, "@@bash no card");
    await expect.poll(() => screenOf(page), { timeout: 60_000 }).toContain("Tool said: hello-from-bash");
    expect(await page.getByTestId("approval-card").count()).toBe(0);
  });

  it("runs at its conversation's effort level, and the terminal says which", async () => {
    // The session's terminals from the test above go: the page then shows this one.
    const { terminals } = await client.api<{ terminals: { id: string }[] }>(`/api/sessions/${sessionId}/terminals`);
    for (const terminal of terminals) await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    const { conversation } = await client.api<{ conversation: { id: string } }>("/api/conversations", { body: { sessionId, title: "Effort", effort: "high" } });
    // The conversation continued in a terminal, as its "Continue in the interactive terminal" does.
    await client.api(`/api/sessions/${sessionId}/claude`, { body: { conversationId: conversation.id, permissionMode: "default" } });
    const page = await openSessionTerminals(devices.open("desktop", "#/"), server.origin, sessionId);
    await expect.poll(() => screenOf(page), { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    const status = page.getByRole("region", { name: "Terminals" }).getByText(/Interactive Claude\s· plan limits/);
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toContain("High effort");
    await page.screenshot({ path: join(SHOTS, `interactive-effort-${version}-desktop.png`) });

    await submitTuiPrompt(page, "@@text effort in the terminal");
    const asked = () => api.requests.find((r) => r.path.startsWith("/v1/messages") && requestText(r).includes("effort in the terminal") && (r.body as { tools?: unknown[] }).tools?.length);
    await expect.poll(() => asked(), { timeout: 60_000 }).toBeTruthy();
    expect((asked()?.body as { output_config?: { effort?: string } }).output_config?.effort).toBe("high");

    // On a phone the row says the effort whole (the facts were cut at 45 %: "High ef…"), the ⋯ sheet all of them.
    const phone = await openSessionTerminals(devices.newPage("phone", { width: 390, height: 844 }), server.origin, sessionId);
    const fact = phone.getByTestId("terminal-fact");
    await expect.poll(() => fact.innerText(), { timeout: 30_000 }).toBe("High effort");
    expect(await fact.evaluate((chip) => chip.scrollWidth <= chip.clientWidth)).toBe(true);
    await phone.getByRole("button", { name: /^Actions for / }).click();
    expect(await phone.getByRole("dialog").getByTestId("terminal-facts").innerText()).toMatch(/^Ask before acting\s·\sHigh effort\s·\sInteractive Claude\s·\splan limits\s·\s\d+×\d+$/);
    await phone.screenshot({ path: join(SHOTS, `interactive-effort-${version}-phone-sheet.png`) });
    await phone.keyboard.press("Escape");

    // Low chosen in Session controls while it runs: the TUI has no channel to be told, so its terminal says a restart
    // applies it, on both devices, and the restart does.
    await client.api(`/api/conversations/${conversation.id}/effort`, { body: { commandId: client.commandId(), effort: "low" } });
    const notice = phone.getByTestId("effort-changed");
    await expect.poll(() => notice.innerText(), { timeout: 30_000 }).toContain("Effort changed to Low: restart");
    await page.getByTestId("effort-changed").waitFor({ timeout: 30_000 });
    await phone.screenshot({ path: join(SHOTS, `interactive-effort-${version}-phone-changed.png`) });
    await page.screenshot({ path: join(SHOTS, `interactive-effort-${version}-desktop-changed.png`) });
    await phone.getByRole("button", { name: /^Restart .* to apply the effort$/ }).click({ timeout: 30_000 });
    await expect.poll(() => fact.innerText(), { timeout: 60_000 }).toBe("Low effort");
    await notice.waitFor({ state: "detached", timeout: 30_000 });
    await phone.close();
  });
});
