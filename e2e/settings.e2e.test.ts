import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ChatmlClient } from "./support/chatml-client.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack, tempDir } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

type Settings = { jobConcurrency: number; cliSleepAfterMinutes: number; aiTitles: boolean; aiSummaries: boolean };

describe("the Settings screen", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let client: ChatmlClient;
  // A phone and a desktop signed in once for the file (ADR 0096), each test on a device that kept nothing: a sign-in
  // per test cost a `chatml login-link` process, a cold page cache and the service worker's install.
  let devices: SignedInDevices;
  const serverSettings = async () => (await client.api<{ settings: Settings }>("/api/settings")).settings;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-settings"));
    client = new ChatmlClient({ url: server.origin, token: server.token });
    devices = new SignedInDevices(browser, server);
  });

  afterEach(async () => {
    await devices.closePages();
  });

  afterAll(async () => {
    await devices?.close();
    await stopStack({ api, server, browser });
  });

  const isDark = (page: Page) => page.evaluate(() => document.documentElement.classList.contains("dark"));
  const sleepSelect = (page: Page) => page.getByRole("combobox", { name: "Sleep idle processes after" });
  const jobRuns = (page: Page) => page.getByRole("spinbutton", { name: "Job runs at once" });

  it("opens from a phone's menu; a device preference stays on this device, a server one reaches every device and survives reloads", async () => {
    const page = await devices.open("phone", "");
    const other = { page: await devices.open("desktop", "") };
    try {
      await page.getByRole("button", { name: "Open menu" }).click();
      const menu = page.getByRole("navigation", { name: "Conversations menu" });
      await expect.poll(async () => (await menu.boundingBox())?.x).toBe(0);
      await page.screenshot({ path: join(SHOTS, "settings-phone-menu.png") });
      await menu.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
      expect(new URL(page.url()).hash).toBe("#/settings");
      await expect.poll(() => sleepSelect(page).isEnabled()).toBe(true);
      expect(await page.getByRole("region", { name: "This device", exact: true }).textContent()).toContain("this browser only");
      expect(await page.getByRole("region", { name: "Every device", exact: true }).textContent()).toContain("every signed-in device");

      // Per device: the theme.
      expect(await isDark(page)).toBe(false);
      await page.getByRole("combobox", { name: "Theme" }).selectOption("dark");
      await expect.poll(() => isDark(page)).toBe(true);
      // Server: how long idle processes run.
      await sleepSelect(page).selectOption("30");
      await expect.poll(async () => (await serverSettings()).cliSleepAfterMinutes).toBe(30);
      await page.screenshot({ path: join(SHOTS, "settings-phone.png") });
      // The screen scrolls inside its own main: the rest of it, down to the Claude Code group.
      await page.getByRole("combobox", { name: "Connection to Claude Code" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "settings-phone-bottom.png") });
      expect(await unnamedControls(page)).toEqual([]);

      await page.reload();
      await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
      await expect.poll(() => sleepSelect(page).inputValue()).toBe("30");
      expect(await page.getByRole("combobox", { name: "Theme" }).inputValue()).toBe("dark");
      // The stored theme is applied before the first paint (ADR 0116); e2e/first-moments proves that paint itself.
      expect(await isDark(page)).toBe(true);

      // The second browser (its own storage) sees the server setting and keeps its own theme.
      await other.page.goto(`${server.origin}/#/settings`);
      await other.page.getByRole("navigation", { name: "Tabs" }).getByRole("link", { name: "Settings" }).waitFor();
      await expect.poll(() => sleepSelect(other.page).inputValue()).toBe("30");
      expect(await other.page.getByRole("combobox", { name: "Theme" }).inputValue()).toBe("system");
      expect(await isDark(other.page)).toBe(false);
      // The menu's entry is on the desktop too, marked as the page shown.
      expect(await other.page.getByRole("navigation", { name: "Conversations menu" }).getByRole("link", { name: "Settings" }).getAttribute("aria-current")).toBe("page");
      await other.page.screenshot({ path: join(SHOTS, "settings-desktop.png") });
      expect(await unnamedControls(other.page)).toEqual([]);
    } finally {
      await client.api("/api/settings", { method: "PUT", body: { cliSleepAfterMinutes: 10 } }).catch(() => undefined);
    }
  });

  it("shows the server's reason for a value it refuses, keeps the old value in force and the typed one in the field", async () => {
    await client.api("/api/settings", { method: "PUT", body: { jobConcurrency: 2 } });
    const page = await devices.open("phone", "#/settings");
    try {
      await expect.poll(() => jobRuns(page).inputValue()).toBe("2");
      await jobRuns(page).fill("12");
      await page.getByRole("button", { name: "Save Job runs at once" }).click();
      const refusal = page.getByRole("form", { name: "Job runs at once" }).getByRole("alert");
      await expect.poll(() => refusal.textContent()).toMatch(/Job runs at once must be at most 8\./);
      expect(await jobRuns(page).inputValue()).toBe("12");
      expect(await page.getByTestId("saved-value").textContent()).toBe("Still saved: 2");
      expect((await serverSettings()).jobConcurrency).toBe(2);
      await refusal.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "settings-phone-refused.png") });
      await page.reload();
      await expect.poll(() => jobRuns(page).inputValue()).toBe("2");

      await jobRuns(page).fill("3");
      await jobRuns(page).press("Enter");
      await expect.poll(async () => (await serverSettings()).jobConcurrency).toBe(3);
      expect(await page.getByRole("alert").count()).toBe(0);
    } finally {
      await client.api("/api/settings", { method: "PUT", body: { jobConcurrency: 1 } }).catch(() => undefined);
    }
  });

  it("turns AI titles on and off for every device; a new conversation gets Claude's title only while they are on", async () => {
    const page = await devices.open("desktop", "#/settings");
    const aiTitles = page.getByRole("checkbox", { name: "Let Claude title new conversations" });
    const titleOf = async (id: string) => (await client.api<{ conversation: { title: string } }>(`/api/conversations/${id}`)).conversation.title;
    const titleRequestsFor = (prompt: string) => api.requests.filter((r) => JSON.stringify(r.body).includes("[chatml:title]") && JSON.stringify(r.body).includes(prompt)).length;
    try {
      // The harness turned them off through this setting (ADR 0203): the screen shows what the server holds.
      await expect.poll(() => aiTitles.isEnabled()).toBe(true);
      expect(await aiTitles.isChecked()).toBe(false);
      // In the app's colour, as Skills' switches are (it was the browser's blue).
      expect(await aiTitles.evaluate((box) => getComputedStyle(box).accentColor)).toBe("rgb(194, 65, 12)");
      await aiTitles.check();
      await expect.poll(async () => (await serverSettings()).aiTitles).toBe(true);
      await page.reload();
      await expect.poll(() => aiTitles.isChecked()).toBe(true);
      // On: the prompt's first words at once, then the fake model's title (its first four words, capitalised).
      const titled = await client.startInFolder(tempDir("chatml-settings-titled"));
      await client.send(titled.id, "add a health check endpoint");
      await expect.poll(() => titleOf(titled.id), { timeout: 60_000 }).toBe("Add a health check");

      await aiTitles.uncheck();
      await expect.poll(async () => (await serverSettings()).aiTitles).toBe(false);
      // Off: named from the first words, and no title request by the time the conversation's own turn has ended.
      const plain = await client.startInFolder(tempDir("chatml-settings-plain"));
      await client.connect([plain.id]);
      await client.turnAllowingAll(plain.id, "rename the billing page");
      expect(await titleOf(plain.id)).toBe("rename the billing page");
      expect(titleRequestsFor("rename the billing page")).toBe(0);
      expect(titleRequestsFor("add a health check endpoint")).toBe(1);
    } finally {
      client.disconnect();
      await client.api("/api/settings", { method: "PUT", body: { aiTitles: false } }).catch(() => undefined);
    }
  });

  it("turns AI summaries off on a phone: an archived session's summary then lists what is stored, and no model is asked", async () => {
    const page = await devices.open("phone", "#/settings");
    const aiSummaries = page.getByRole("checkbox", { name: "Let Claude summarize archived sessions and job runs" });
    const summaryRequests = () => api.requests.filter((r) => JSON.stringify(r.body).includes("[chatml:summary]")).length;
    try {
      await expect.poll(() => aiSummaries.isEnabled()).toBe(true);
      expect(await aiSummaries.isChecked()).toBe(true);
      await aiSummaries.uncheck();
      await expect.poll(async () => (await serverSettings()).aiSummaries).toBe(false);
      await aiSummaries.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, "settings-phone-ai-summaries.png") });
      const conversation = await client.startInFolder(tempDir("chatml-settings-summary"));
      await client.connect([conversation.id]);
      await client.turnAllowingAll(conversation.id, "tidy the changelog");
      const before = summaryRequests();
      await client.api(`/api/sessions/${conversation.sessionId}/archive`, { method: "POST" });
      await page.goto(`${server.origin}/#/s/${conversation.sessionId}`);
      const archive = page.getByRole("region", { name: "Archive summary" });
      await archive.getByText(/^Archived\. From what is stored \(AI summaries are off\): 1 conversation: “tidy the changelog”\. The last answer: “.+”/).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, "settings-phone-plain-summary.png") });
      expect(summaryRequests()).toBe(before);
    } finally {
      client.disconnect();
      await client.api("/api/settings", { method: "PUT", body: { aiSummaries: true } }).catch(() => undefined);
    }
  });

  it("shows the chosen theme and Enter key whole on a phone, at the largest text size too", async () => {
    const page = await devices.open("phone", "#/settings");
    const theme = page.getByRole("combobox", { name: "Theme" });
    const enterKey = page.getByRole("combobox", { name: "Enter key" });
    await theme.waitFor({ timeout: 15_000 });
    // The selected option's text against the room the select has for it: its width less padding and the arrow.
    const fitOf = (select: typeof theme) =>
      select.evaluate((element: HTMLSelectElement) => {
        const style = getComputedStyle(element);
        const context2d = document.createElement("canvas").getContext("2d")!;
        context2d.font = style.font;
        const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        return { text: element.selectedOptions[0]?.text, textWidth: context2d.measureText(element.selectedOptions[0]?.text ?? "").width, room };
      });
    for (const size of ["16", "20"]) {
      await page.getByRole("combobox", { name: "Text size" }).selectOption(size);
      const fit = await fitOf(theme);
      expect(fit.text).toBe("Same as the system");
      expect(fit.textWidth).toBeLessThanOrEqual(fit.room);
      for (const sendKey of ["auto", "enter", "button"]) {
        await enterKey.selectOption(sendKey);
        const enterFit = await fitOf(enterKey);
        expect(enterFit.textWidth, `Enter key "${enterFit.text}" at ${size} px`).toBeLessThanOrEqual(enterFit.room);
      }
    }
    await enterKey.selectOption("auto");
    await expect.poll(() => enterKey.getAttribute("aria-describedby").then((id) => page.locator(`#${id}`).innerText())).toContain("on a touch screen, Enter starts a new line");
    await page.screenshot({ path: join(SHOTS, "settings-phone-theme.png") });
  });
});
