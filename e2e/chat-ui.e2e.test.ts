import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SUGGESTION_REPLY, TEXT_REPLY } from "./fake-api/scripts.ts";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerAndBrowser, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { failureScreenshot } from "./harness/failure-context.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { ChatPage } from "./support/chat-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "chat");
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true },
  { name: "desktop", width: 1440, height: 900, isMobile: false, hasTouch: false },
] as const;

/**
 * The conversation screen through the real server, the real CLI (2.1.119: it still has TodoWrite) and the fake API,
 * at phone and desktop sizes: streaming, every scripted tool, a sub-agent, permissions, plans, questions, steering.
 */
describe.each(VIEWPORTS)("the conversation experience ($name)", (viewport) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let page: Page;
  let chat: ChatPage;
  let folder: string;
  let turns = 0;
  /** Controls without an accessible name, by the screenshot that showed them. */
  const unnamed: Record<string, string[]> = {};
  const shot = async (name: string) => {
    await page.screenshot({ path: join(SHOTS, `${viewport.name}-${name}.png`) });
    const nameless = await unnamedControls(page);
    if (nameless.length > 0) unnamed[name] = nameless;
  };
  const nextTurn = async () => chat.waitForTurns(++turns);
  /** A panel above the composer on a phone, a column beside the conversation on a wide screen. */
  const tasksPanel = () => page.getByRole(viewport.isMobile ? "region" : "complementary", { name: "Tasks panel" });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-chat-home") });
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-chat-data"), claudeBin: cliBinPath("2.1.119"), env })));
    const context = await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch });
    page = await context.newPage();
    chat = new ChatPage(page);
    await page.goto(server.url);
    folder = tempDir(`chatml-chat-${viewport.name}`);
    await page.getByRole("textbox", { name: "Folder path" }).fill(folder);
    await page.getByRole("button", { name: "Start conversation" }).click();
  });

  afterEach(async (context) => {
    const name = `failed-${context.task.name.slice(0, 24).replace(/\W+/g, "-")}`;
    if (context.task.result?.state === "fail") await failureScreenshot(page, join(SHOTS, `${viewport.name}-${name}.png`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await api?.stop();
  });

  it("streams text and thinking", async () => {
    await chat.send("Say hello @@text");
    await chat.waitForText(TEXT_REPLY);
    await nextTurn();
    await expect.poll(() => page.getByRole("button", { name: /Thought/ }).count()).toBeGreaterThan(0);
    await shot("text");
  });

  it("denies, then always-allows, a Bash command and shows its output and exit", async () => {
    await chat.send("Run it @@bash");
    await chat.card().getByRole("textbox", { name: "Deny message" }).fill("Not now.");
    await chat.card().getByRole("button", { name: "Deny", exact: true }).click();
    await nextTurn();
    expect(existsSync(join(folder, "bash-out.txt"))).toBe(false);
    await chat.send("Run it again @@bash");
    await chat.card().waitFor({ timeout: 60_000 });
    await shot("permission");
    await chat.card().getByRole("button", { name: "Allow", exact: true }).click();
    await nextTurn();
    const bash = await chat.openTool("Bash");
    await expect.poll(() => bash.innerText()).toMatch(/hello-from-bash[\s\S]*exit 0/);
    await shot("bash");
  });

  it("always-allows edits: Write asks once, the Edit runs, and the diff shows", async () => {
    await chat.send("Write then edit @@edit");
    await chat.card().getByRole("button", { name: "Always allow" }).click();
    await nextTurn();
    const edit = await chat.openTool("Edit");
    // The workbench's diff viewer: the edited line is an added line (old and new are both shown).
    await edit.getByLabel("Diff 1").locator('[data-diff-line="add"]').filter({ hasText: "hello from chatml, edited" }).waitFor({ timeout: 15_000 });
    expect(readFileSync(join(folder, "hello.txt"), "utf8")).toContain("edited");
    await chat.send("Read it @@read");
    await nextTurn();
    const read = await chat.openTool("Read");
    await expect.poll(() => read.innerText()).toContain("hello from chatml, edited");
    await shot("edit-read");
  });

  it("shows the todo list in its block and in the tasks panel", async () => {
    await chat.send("Track it @@todo");
    await nextTurn();
    const todo = await chat.openTool("TodoWrite");
    await expect.poll(() => todo.innerText()).toContain("Ship it");
    await page.getByRole("button", { name: /^Tasks/ }).click();
    const panel = tasksPanel();
    await expect.poll(() => panel.innerText()).toMatch(/Tasks\s· 1\/3[\s\S]*Testing the code/);
    // On a phone the panel takes the keyboard when opened, as the session controls do.
    if (viewport.isMobile) await expect.poll(() => panel.evaluate((sheet) => sheet === document.activeElement)).toBe(true);
    // It leaves the composer free: a sheet over the screen's foot covered the Send button on a phone.
    const send = page.getByRole("button", { name: "Send", exact: true });
    const box = (await send.boundingBox())!;
    const isSendOnTop = (y: number) => send.evaluate((button, [x, at]) => button.contains(document.elementFromPoint(x!, at!)), [box.x + box.width / 2, y]);
    expect(await isSendOnTop(box.y + 1)).toBe(true);
    expect(await isSendOnTop(box.y + box.height - 1)).toBe(true);
    await shot("tasks");
    await page.getByRole("button", { name: "Close tasks" }).click();
  });

  it("shows a background Bash in the tasks panel while it runs, and Stop ends its process", async () => {
    await chat.send("Tick in the background @@bgbash");
    await chat.allowUntilTurns(++turns);
    // The turn is over, the command still runs: the header says so and the panel lists it with a Stop button.
    await page.getByRole("button", { name: /^Tasks.*, 1 running$/ }).click();
    const panel = tasksPanel();
    const row = panel.getByRole("listitem").filter({ hasText: "Tick in the background" });
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 30_000 }).toBe("running");
    await expect.poll(() => tickers(folder).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await shot("background-task");
    await row.getByRole("button", { name: "Stop Tick in the background" }).click();
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 30_000 }).toBe("stopped");
    await expect.poll(() => tickers(folder), { timeout: 30_000 }).toEqual([]);
    expect(await page.getByRole("button", { name: /^Tasks/ }).getAttribute("aria-label")).not.toMatch(/running/);
    await shot("background-task-stopped");
    await page.getByRole("button", { name: "Close tasks" }).click();
  });

  it("nests a sub-agent's messages and tools under its Agent call", async () => {
    await chat.send("Delegate @@task");
    await chat.allowUntilTurns(++turns);
    const agent = await chat.openTool("Agent");
    const nested = agent.getByTestId("subagent").first();
    await expect.poll(() => nested.getByTestId("tool-Bash").count()).toBeGreaterThan(0);
    await nested.getByTestId("tool-Bash").first().getByRole("button").first().click();
    await expect.poll(() => nested.innerText()).toContain("from-subagent");
    // The sub-agent's own words (forwarded since ChatML asks for them at initialize), nested; its last words are the report.
    await expect.poll(() => nested.getByTestId("message-subagent").filter({ hasText: "Sub-agent working." }).count()).toBe(1);
    await expect.poll(() => agent.getByTestId("agent-report").innerText()).toContain("Sub-agent done");
    expect(await nested.innerText()).not.toContain("Sub-agent done");
    await expect.poll(() => page.getByTestId("message-assistant").last().innerText()).toContain("Sub-agent said:");
    await shot("subagent");
  });

  it("answers an AskUserQuestion and the model receives the answer", async () => {
    await chat.send("Ask me @@ask");
    await chat.card().getByRole("radio", { name: /Blue/ }).check();
    await shot("question");
    await chat.card().getByRole("button", { name: "Submit answers" }).click();
    await nextTurn();
    await chat.waitForText(/You answered: .*Blue/);
  });

  it("approves a plan, then keeps planning with feedback the model receives", async () => {
    await chat.setMode("plan");
    await chat.send("Plan it @@plan");
    await page.getByRole("button", { name: "Approve plan" }).waitFor({ timeout: 60_000 });
    await shot("plan");
    await page.getByRole("button", { name: "Approve plan" }).click();
    await nextTurn();
    await chat.waitForText(/Plan result: .*approved/i);
    await chat.setMode("plan");
    await chat.send("Plan again @@plan");
    await page.getByRole("textbox", { name: "Plan feedback" }).fill("Add tests first.");
    await page.getByRole("button", { name: "Keep planning" }).click();
    await nextTurn();
    await chat.waitForText("Add tests first.");
    await chat.setMode("default");
  });

  it("queues a message while Claude works (cancellable) and sends it when the turn ends", async () => {
    await chat.send("Go slowly @@long");
    await chat.waitForTextAfter("Go slowly @@long", "slow-02");
    // The running status pulses, unless the system asks for less motion (as the suite's pages do, launchBrowser):
    // then it shows standing still.
    const endlessAnimations = () => page.evaluate(() => document.getAnimations().filter((a) => a.effect?.getTiming().iterations === Infinity).length);
    expect(await page.locator(".animate-pulse").count()).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: "no-preference" });
    expect(await endlessAnimations()).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: "reduce" });
    expect(await endlessAnimations()).toBe(0);
    await page.getByRole("button", { name: "Stop" }).click();
    await nextTurn();
    // The turn waits for the answer to its Bash permission, so it runs until the test says.
    await chat.send("Run it once more @@bash");
    await chat.card().waitFor({ timeout: 60_000 });
    await chat.type("Dropped message");
    await page.getByRole("button", { name: "Queue message" }).click();
    await chat.type("@@remember queued one");
    await page.getByRole("button", { name: "Queue message" }).click();
    await expect.poll(() => page.getByTestId("queued-message").count()).toBe(2);
    await shot("queue");
    await page.getByRole("button", { name: "Cancel queued message 1" }).click();
    await expect.poll(() => page.getByTestId("queued-message").count()).toBe(1);
    await chat.card().getByRole("button", { name: "Allow", exact: true }).click();
    await nextTurn();
    await chat.userMessage("@@remember queued one").waitFor({ timeout: 60_000 });
    await nextTurn();
    await chat.waitForText(/I remember: .*queued one/);
    expect(await chat.timelineText()).not.toContain("Dropped message");
  });

  it("stops a running turn, and interrupts to redirect it", async () => {
    await chat.send("Go slowly again @@long");
    await chat.waitForTextAfter("Go slowly again @@long", "slow-03");
    await page.getByRole("button", { name: "Stop" }).click();
    await nextTurn();
    const text = await chat.timelineText();
    const stopped = text.slice(text.lastIndexOf("Go slowly again @@long"));
    expect(stopped).toContain("slow-03");
    expect(stopped).not.toContain("slow-40");
    // One request to the model was cut: the CLI's num_turns says 2 for it.
    expect(stopped).toMatch(/Stopped\s· .*\s· 1 turn\b/);
    await chat.send("And once more @@long");
    await chat.waitForTextAfter("And once more @@long", "slow-03");
    await chat.type("Change of plan @@text");
    await page.getByRole("button", { name: "Interrupt and send" }).click();
    await chat.userMessage("Change of plan @@text").waitFor({ timeout: 30_000 });
    await chat.waitForText(TEXT_REPLY);
    await expect.poll(() => chat.box.isEditable()).toBe(true);
    await shot("redirect");
  });

  it("offers Claude Code's guess at the next message as a chip once turned on in Settings (one link from Session controls)", async () => {
    await page.getByRole("button", { name: "Send", exact: true }).waitFor({ timeout: 60_000 });
    turns = await chat.turns();
    await page.getByRole("button", { name: "Session controls" }).click();
    // It holds for every conversation, so it lives on the Settings screen; the sheet links there.
    await page.getByRole("dialog", { name: "Session controls" }).getByRole("link", { name: "App settings" }).click();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    const toggle = page.getByRole("checkbox", { name: /Suggest my next message/ });
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/settings") && r.request().method() === "PUT");
    await toggle.check();
    await saved;
    await shot("prompt-suggestion-setting");
    // Back to the conversation: the setting holds for CLIs started from now on, so this one is restarted (resumed).
    await page.goBack();
    await chat.box.waitFor();
    await page.getByRole("button", { name: "Session controls" }).click();
    await page.getByRole("button", { name: "Relaunch" }).click();
    await page.getByRole("button", { name: "Close session controls" }).click();
    await chat.send("Greet me @@suggest");
    await nextTurn();
    const chip = page.getByRole("button", { name: `Use suggestion: ${SUGGESTION_REPLY}` });
    await chip.waitFor({ timeout: 60_000 });
    await shot("prompt-suggestion");
    const send = page.getByRole("button", { name: `Send suggestion: ${SUGGESTION_REPLY}` });
    for (const target of [chip, send]) expect((await target.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await send.click();
    await chat.userMessage(SUGGESTION_REPLY).waitFor({ timeout: 30_000 });
    await expect.poll(() => chip.count()).toBe(0);
    await nextTurn();
  });

  // Cards (permission, question, plan), tool rows, sheets and the composer as each screenshot showed them.
  it("gives every control it showed an accessible name", () => {
    expect(unnamed).toEqual({});
  });
});

/** Pids of processes running @@bgbash's loop (it writes bg-ticks.txt) in `folder`. */
function tickers(folder: string): number[] {
  const dir = realpathSync(folder);
  return readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("bg-ticks.txt") && readlinkSync(`/proc/${pid}/cwd`) === dir;
    } catch {
      return false;
    }
  });
}
