import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BudgetState } from "../shared/index.ts";
import type { Browser } from "playwright-core";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerWithBrowserIf, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { allowGoingAway, comeBack, goAway } from "./support/away-socket.ts";
import { SCREEN_SIZES, SignedInDevices } from "./support/signed-in-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

const NONE = { maxCostUsd: null, maxTurns: null, maxThinkingTokens: null };

/** Cost and turn budgets stop a run on both pinned CLIs, say which limit did it, and can be raised to continue. */
describe.each(["2.1.119", "2.1.330"])("budgets on the real CLI %s", (version) => {
  const hasBrowserTests = version === "2.1.330";
  let api: FakeApi;
  let server: ChatmlServer;
  /** The browser tests' Chromium (on 2.1.330 only), started beside the server. */
  let browser: Browser | null = null;
  let client: ChatmlClient;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-budget-home") });
    ({ server, browser } = await startServerWithBrowserIf(hasBrowserTests, () => startChatml({ dataDir: tempDir("chatml-budget-data"), claudeBin: cliBinPath(version), env })));
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  async function open(): Promise<string> {
    const conversation = await client.startInFolder(tempDir("chatml-budget-work"));
    await client.connect([conversation.id]);
    return conversation.id;
  }
  const setBudget = (id: string, limits: unknown) => client.api<{ budget: BudgetState }>(`/api/conversations/${id}/budget`, { method: "PUT", body: { limits } });
  const turns = (id: string) => client.list(id).filter((event) => event.type === "turn.completed").length;

  it("a cost budget stops the run; the next message is refused until the budget is raised", async () => {
    const id = await open();
    await setBudget(id, { ...NONE, maxCostUsd: 0.01 });
    await client.send(id, "Hello @@text");
    const notice = await client.waitForEvent(id, "notice", (event) => event.text.startsWith("Stopped:"));
    expect(notice.text).toMatch(/cost budget of \$0\.01 is used up/);
    const { budget } = await client.api<{ budget: BudgetState }>(`/api/conversations/${id}/budget`);
    expect(budget.exhausted).toBe("cost");
    expect(budget.totals.costUsd).toBeGreaterThan(0.01);
    await expect(client.send(id, "Again @@text")).rejects.toThrow(/409.*cost budget/);
    await expect(setBudget(id, { ...NONE, maxCostUsd: 0.005 })).rejects.toThrow(/already spent/);
    await setBudget(id, { ...NONE, maxCostUsd: 50 });
    await client.send(id, "Again @@text");
    await client.waitUntil(() => turns(id) === 2, 60_000, "second turn");
    expect(client.list(id).filter((event) => event.type === "turn.completed").at(-1)).toMatchObject({ isError: false });
  });

  it("a turn budget interrupts the run at the model turn past the limit", async () => {
    const id = await open();
    await setBudget(id, { ...NONE, maxTurns: 1 });
    await client.send(id, "Run it @@bash");
    const notice = await client.waitForEvent(id, "notice", (event) => event.text.startsWith("Stopped:"));
    expect(notice.text).toMatch(/turn budget of 1 model turn is used up/);
    const { budget } = await client.api<{ budget: BudgetState }>(`/api/conversations/${id}/budget`);
    expect(budget.exhausted).toBe("turns");
    expect(client.assistantText(id)).not.toContain("Tool said:");
    // The Bash call's permission card, withdrawn by the budget's interrupt, says the budget stopped Claude.
    expect(client.list(id).flatMap((event) => (event.type === "permission.resolved" ? [[event.outcome, event.message]] : []))).toEqual([["cancelled", "The turn budget stopped Claude."]]);
    await expect(client.send(id, "More @@text")).rejects.toThrow(/turn budget/);
  });

  // The browser test runs on the newer CLI's server above: a server of its own cost a start and a stop (~1.3 s of a
  // loaded machine) and proved nothing more, since its conversation is its own.
  describe.runIf(hasBrowserTests)("budget bars in the browser", () => {
    // One browser (the server's, above) and a phone and a desktop signed in once for both tests: a browser launch, and
    // a sign-in and a cold context per page (three more of them), cost ~2 s each on a loaded machine.
    let devices: SignedInDevices;
    beforeAll(() => {
      if (!browser) throw new Error("the browser tests' server started no browser");
      devices = new SignedInDevices(browser, server);
    });
    afterEach(async () => {
      await devices.closePages();
    });
    afterAll(async () => {
      await devices?.close();
    });

    it("shows totals and live budget bars in Session controls at phone and desktop sizes", async () => {
      const shots = join(REPO_ROOT, ".artifacts", "screenshots");
      mkdirSync(shots, { recursive: true });
      const conversation = await client.startInFolder(tempDir("chatml-budget-ui-work"));
      await client.connect([conversation.id]);
      await client.send(conversation.id, "Hello @@text");
      await client.waitForEvent(conversation.id, "turn.completed");
      await client.api(`/api/conversations/${conversation.id}/budget`, { method: "PUT", body: { limits: { maxCostUsd: 0.5, maxTurns: 4, maxThinkingTokens: 4096 } } });
      for (const [name] of SCREEN_SIZES) {
        const page = await devices.open(name, `#/c/${conversation.id}`);
        await page.getByRole("button", { name: "Session controls" }).click();
        const turns = page.getByRole("progressbar", { name: "Turn budget" });
        await expect.poll(() => turns.getAttribute("aria-valuetext"), { timeout: 10_000 }).toBe("1 of 4 turns");
        await expect.poll(() => page.getByRole("progressbar", { name: "Cost budget" }).getAttribute("aria-valuenow")).not.toBe("0");
        await page.getByTestId("budget-bars").scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(shots, `budget-bars-${name}.png`) });
        if (name === "desktop") {
          await page.getByRole("textbox", { name: "Cost budget in USD" }).fill("0.001");
          await page.getByRole("button", { name: "Save budget" }).click();
          await page.getByRole("alert").filter({ hasText: "already spent" }).waitFor();
          await page.screenshot({ path: join(shots, "budget-below-spent-desktop.png") });
        }
        await page.close();
      }
      // A phone that slept while the budget changed shows the new one once its socket is back, without a reload.
      const page = await devices.newPage("phone");
      await allowGoingAway(page);
      await page.goto(`${server.origin}/#/c/${conversation.id}`);
      await page.getByRole("button", { name: "Session controls" }).click();
      const turns = page.getByRole("progressbar", { name: "Turn budget" });
      await expect.poll(() => turns.getAttribute("aria-valuetext"), { timeout: 10_000 }).toBe("1 of 4 turns");
      await goAway(page);
      await client.api(`/api/conversations/${conversation.id}/budget`, { method: "PUT", body: { limits: { maxCostUsd: 0.5, maxTurns: 6, maxThinkingTokens: 4096 } } });
      expect(await turns.getAttribute("aria-valuetext")).toBe("1 of 4 turns");
      await comeBack(page);
      await expect.poll(() => turns.getAttribute("aria-valuetext"), { timeout: 30_000 }).toBe("1 of 6 turns");
    });

    it("shows a budget saved on a desktop on a phone that stays open, without a reload", async () => {
      const conversation = await client.startInFolder(tempDir("chatml-budget-live-work"));
      await client.connect([conversation.id]);
      await client.send(conversation.id, "Hello @@text");
      await client.waitForEvent(conversation.id, "turn.completed");
      await client.api(`/api/conversations/${conversation.id}/budget`, { method: "PUT", body: { limits: { ...NONE, maxTurns: 4 } } });
      const phone = await devices.open("phone", `#/c/${conversation.id}`);
      const desktop = await devices.open("desktop", `#/c/${conversation.id}`);
      for (const page of [phone, desktop]) await page.getByRole("button", { name: "Session controls" }).click();
      const phoneTurns = phone.getByRole("progressbar", { name: "Turn budget" });
      await expect.poll(() => phoneTurns.getAttribute("aria-valuetext"), { timeout: 10_000 }).toBe("1 of 4 turns");
      // Marks the phone's page: a reload would lose it.
      await phone.evaluate(() => Object.assign(window, { isSamePage: true }));

      await desktop.getByRole("textbox", { name: "Turn budget" }).fill("9");
      await desktop.getByRole("button", { name: "Save budget" }).click();

      await expect.poll(() => phoneTurns.getAttribute("aria-valuetext"), { timeout: 15_000 }).toBe("1 of 9 turns");
      expect(await phone.getByRole("textbox", { name: "Turn budget" }).inputValue()).toBe("9");
      expect(await phone.evaluate(() => (window as unknown as { isSamePage?: boolean }).isSamePage)).toBe(true);
    });

    it("says a used-up budget above the message box on a phone and a desktop, opens its box to raise it, and goes on both once raised", async () => {
      const conversation = await client.startInFolder(tempDir("chatml-budget-notice-work"));
      await client.connect([conversation.id]);
      const phone = await devices.open("phone", `#/c/${conversation.id}`);
      const desktop = await devices.open("desktop", `#/c/${conversation.id}`);
      for (const page of [phone, desktop]) await page.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
      await setBudget(conversation.id, { ...NONE, maxCostUsd: 0.01 });
      await client.send(conversation.id, "Hello @@text");
      // Before, only a refused message said so, under the box, with no way to the budget, and it stayed after a raise.
      const notices = [phone, desktop].map((page) => page.getByRole("status", { name: "Budget used up" }));
      for (const notice of notices) await expect.poll(() => notice.textContent(), { timeout: 60_000 }).toMatch(/^The cost budget of \$0\.01 is used up \(\$[\d.]+ spent\)\. Claude takes no message until it is raised\./);
      await phone.screenshot({ path: join(REPO_ROOT, ".artifacts", "screenshots", "budget-used-up-phone.png") });
      await phone.getByRole("button", { name: "Raise the budget" }).click();
      const cost = phone.getByRole("textbox", { name: "Cost budget in USD" });
      await expect.poll(() => cost.evaluate((box) => box === document.activeElement)).toBe(true);
      await phone.keyboard.type("50");
      await phone.getByRole("button", { name: "Save budget" }).click();
      for (const notice of notices) await notice.waitFor({ state: "detached", timeout: 15_000 });
      expect((await client.api<{ budget: BudgetState }>(`/api/conversations/${conversation.id}/budget`)).budget.limits.maxCostUsd).toBe(50);
    });
  });
});
