import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempRepo } from "../server/git/test-support.ts";
import { startFakeLinear, type FakeLinear } from "./fake-linear/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startServerAndBrowser, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { signIn } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const KEY = "lin_api_e2e0000000000000000key";

describe("Linear on a phone: connect, start a session from an issue, the issue moves to In Progress", () => {
  let api: FakeApi;
  let linear: FakeLinear;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = startFakeApi({ port: 0 });
    linear = startFakeLinear();
    linear.apiKeys.add(KEY);
    repo = await makeTempRepo();
    const env = { ...cliEnv({ apiUrl: api.url, home: tempDir("chatml-linear-home") }), CHATML_LINEAR_API_URL: linear.url };
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-linear-data"), claudeBin: cliBinPath("2.1.330"), env })));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await linear?.stop();
    await api?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it("connects with an API key, starts from ENG-1 on Linear's branch, sends the issue to Claude and moves it", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Fix the login redirect", description: "After sign-in we land on /404." });
    linear.addIssue({ teamKey: "ENG", title: "Someone else's crash", assigneeId: "user-2" });
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, server.url);
    await page.goto(`${server.origin}/#/integrations`);
    const card = page.getByRole("region", { name: "Linear" });
    await card.getByLabel("Linear API key").fill("lin_api_wrong000000000000000");
    await card.getByRole("button", { name: "Connect Linear" }).click();
    await card.getByText(/rejected the API key/).waitFor({ timeout: 15_000 });
    await card.getByLabel("Linear API key").fill(KEY);
    await card.getByRole("button", { name: "Connect Linear" }).click();
    await card.getByTestId("linear-status").getByText("Ada Lovelace").waitFor({ timeout: 15_000 });
    await card.getByLabel(/Move linked issues along/).click();
    await expect.poll(() => card.getByLabel(/Move linked issues along/).isChecked()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "linear-phone-integrations.png"), fullPage: true });
    const { connection } = await client.api<{ connection: unknown }>("/api/integrations/linear");
    expect(JSON.stringify(connection)).not.toContain(KEY);

    await page.goto(`${server.origin}/#/w/${workspace.id}`);
    await page.getByText("Start from Linear").click();
    const issues = page.getByRole("list", { name: "Linear issues" });
    await issues.getByText("Fix the login redirect").waitFor({ timeout: 15_000 });
    expect(await issues.getByText("Someone else's crash").count()).toBe(0);
    await page.getByLabel("Whose issues").selectOption({ label: "Team Engineering" });
    await issues.getByText("Someone else's crash").waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SHOTS, "linear-phone-start.png"), fullPage: true });
    await page.getByRole("button", { name: `Start ${issue.identifier}` }).click();

    // It opens the new session's conversation, where the issue goes to Claude as the first message.
    await expect.poll(() => new URL(page.url()).hash, { timeout: 20_000 }).toMatch(/^#\/c\//);
    const conversationId = new URL(page.url()).hash.replace("#/c/", "");
    await page.getByTestId("timeline").getByText(`${issue.identifier}: ${issue.title}`).first().waitFor({ timeout: 60_000 });
    const { conversation } = await client.api<{ conversation: { sessionId: string } }>(`/api/conversations/${conversationId}`);
    const sessionId = conversation.sessionId;
    // The session's overview, one tap away, shows the issue and its new state.
    await page.goto(`${server.origin}/#/s/${sessionId}`);
    const panel = page.getByRole("region", { name: "Linear issue" });
    await panel.getByTestId("linear-state").filter({ hasText: "In Progress" }).waitFor({ timeout: 20_000 });
    expect(linear.stateName(issue.id)).toBe("In Progress");
    const { session } = await client.api<{ session: { branch: string } }>(`/api/sessions/${sessionId}`);
    expect(session.branch).toBe(issue.branchName);
    await expect.poll(() => api.requests.some((r) => JSON.stringify(r.body).includes("ENG-1: Fix the login redirect")), { timeout: 60_000 }).toBe(true);
    await page.screenshot({ path: join(SHOTS, "linear-phone-session.png"), fullPage: true });

    // The desktop shows the same link, and sees the phone unlink it live.
    const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const d = await desktop.newPage();
    await signIn(d, server.url);
    await d.goto(`${server.origin}/#/s/${sessionId}`);
    const desktopPanel = d.getByRole("region", { name: "Linear issue" });
    await desktopPanel.getByTestId("linear-state").filter({ hasText: "In Progress" }).waitFor({ timeout: 15_000 });
    await d.screenshot({ path: join(SHOTS, "linear-desktop-session.png") });
    await panel.getByRole("button", { name: "Unlink" }).click();
    await desktopPanel.getByText("Not linked to a Linear issue.").waitFor({ timeout: 15_000 });
    await d.goto(`${server.origin}/#/w/${workspace.id}`);
    await d.getByText("Start from Linear").click();
    await d.getByRole("list", { name: "Linear issues" }).getByText("Fix the login redirect").waitFor({ timeout: 15_000 });
    await d.screenshot({ path: join(SHOTS, "linear-desktop-start.png") });
    expect(server.output()).not.toContain(KEY);
    await phone.close();
    await desktop.close();
  });

  it("in another repository, says which repository's session has an issue and how to work on it here too", async () => {
    const issue = linear.addIssue({ teamKey: "ENG", title: "Export the report" });
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    await client.api("/api/integrations/linear", { method: "PUT", body: { apiKey: KEY } });
    const { workspace: backend } = await client.api<{ workspace: { id: string; name: string } }>("/api/workspaces", { body: { path: await makeTempRepo() } });
    const { workspace: web } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: await makeTempRepo() } });
    const { session } = await client.api<{ session: { id: string } }>("/api/sessions", { body: { workspaceId: backend.id, name: "export-api" } });
    await client.api("/api/integrations/linear/links", { body: { sessionId: session.id, issueId: issue.id } });

    for (const [name, viewport] of [["phone", { width: 390, height: 844 }], ["desktop", { width: 1440, height: 900 }]] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, server.url);
      await page.goto(`${server.origin}/#/w/${web.id}`);
      await page.getByText("Start from Linear").click();
      const issues = page.getByRole("list", { name: "Linear issues" });
      await issues.getByText(`Taken by export-api in ${backend.name}. To work on it here too, create a session and link it.`).waitFor({ timeout: 15_000 });
      expect(await issues.getByRole("button", { name: `Start ${issue.identifier}` }).count()).toBe(0);
      expect(await issues.getByRole("link", { name: `Open export-api, the session on ${issue.identifier}` }).getAttribute("href")).toBe(`#/s/${session.id}`);
      await issues.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `linear-${name}-taken-elsewhere.png`) });
      await context.close();
    }
  });
});
