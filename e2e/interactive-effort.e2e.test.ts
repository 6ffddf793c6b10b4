import { realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApi, type FakeApi } from "./fake-api/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";
import { cliBinPath, cliEnv, requestText, startChatml, startServerAndBrowser, tempDir, type ChatmlServer } from "./harness/index.ts";
import { openSessionTerminals, SHOTS, submitTuiPrompt } from "./support/terminals-page.ts";

const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();

/**
 * The effort level chosen for a conversation (ADR 0301) reaches its interactive claude as `--effort`, as it reaches
 * its chat launches: the API is asked at that level, and the terminal says it. On the oldest and the newest pinned CLI.
 */
describe.each(["2.1.119", "2.1.332"])("the effort of an interactive claude %s", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let devices: SignedInDevices;
  let client: ChatmlClient;
  let started: { session: { id: string }; conversation: { id: string } };

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const home = tempDir("chatml-tui-effort-home");
    const folder = realpathSync(tempDir("chatml-tui-effort-folder"));
    writeFileSync(join(home, ".claude.json"), JSON.stringify({ hasCompletedOnboarding: true, hasSeenAutoDefaultNudge: true, theme: "dark", customApiKeyResponses: { approved: ["sk-test"], rejected: [] }, projects: { [folder]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } } }));
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-tui-effort-data"), claudeBin: cliBinPath(version), env: cliEnv({ apiUrl: api.url, home }) })));
    devices = new SignedInDevices(browser, server);
    client = new ChatmlClient({ url: server.origin, token: server.token });
    started = await client.api("/api/start", { method: "POST", body: { path: folder } });
  });

  afterAll(async () => {
    await devices?.close();
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("runs at the conversation's effort level, and the terminal says which", async () => {
    const { session, conversation } = started;
    await client.api(`/api/conversations/${conversation.id}/effort`, { body: { commandId: client.commandId(), effort: "high" } });
    // The conversation continued in a terminal, as its "Continue in terminal" does.
    await client.api(`/api/sessions/${session.id}/claude`, { body: { conversationId: conversation.id, permissionMode: "default" } });
    const page = await openSessionTerminals(devices.open("desktop", "#/"), server.origin, session.id);
    await expect.poll(() => screenOf(page), { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    const status = page.getByRole("region", { name: "Terminals" }).getByText(/Interactive Claude\s· plan limits/);
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toContain("High effort");
    await page.screenshot({ path: join(SHOTS, `interactive-effort-${version}-desktop.png`) });

    await submitTuiPrompt(page, "@@text effort in the terminal");
    const asked = () => api.requests.find((r) => r.path.startsWith("/v1/messages") && requestText(r).includes("effort in the terminal") && (r.body as { tools?: unknown[] }).tools?.length);
    await expect.poll(() => asked(), { timeout: 60_000 }).toBeTruthy();
    expect((asked()?.body as { output_config?: { effort?: string } }).output_config?.effort).toBe("high");
  });
});
