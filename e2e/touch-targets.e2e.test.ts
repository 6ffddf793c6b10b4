import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempRepo } from "../server/git/test-support.ts";
import { ChatPage } from "./support/chat-page.ts";
import { openDevices } from "./support/devices-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { smallTargets, type Allowance } from "./support/touch-targets.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Controls that may stay small, each with its reason. Keep this list short. */
const ALLOWED: Allowance[] = [];

let api: FakeApi;
let server: ChatmlServer;
let browser: Browser;
let repo: string;
let page: Page;
let ids: { workspace: string; session: string; conversation: string };
let sessionFolder: string;
let sessionName: string;
/** A name as long as a branch named after an issue: it must give way to the change counts beside it, not they to it. */
const LONG_NAME = "fix-the-flaky-login-on-safari-after-the-cookie-expires";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ api, server, browser } = await startStack("chatml-touch"));
  repo = await makeTempRepo();
  const client = new ChatmlClient({ url: server.origin, token: server.token });
  const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { method: "POST", body: { path: repo } });
  const created = await client.api<{ session: { id: string; name: string; cwd: string }; conversation: { id: string } }>("/api/sessions", { method: "POST", body: { workspaceId: workspace.id, name: LONG_NAME } });
  sessionFolder = created.session.cwd;
  ids = { workspace: workspace.id, session: created.session.id, conversation: created.conversation.id };
  sessionName = created.session.name;
  page = await (await browser.newContext(PHONE)).newPage();
  await page.goto(server.url);
  await page.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await stopStack({ api, server, browser });
  if (repo) rmSync(repo, { recursive: true, force: true });
});

const problems: Record<string, unknown[]> = {};
const unnamed: Record<string, string[]> = {};

/** Screenshots the screen and records its controls smaller than a finger, and those without an accessible name. */
async function measure(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `touch-${name}.png`) });
  const small = await smallTargets(page, ALLOWED);
  if (small.length > 0) problems[name] = small;
  const nameless = await unnamedControls(page);
  if (nameless.length > 0) unnamed[name] = nameless;
}

async function open(hash: string, ready: () => Promise<unknown>): Promise<void> {
  await page.goto(`${server.origin}/${hash}`);
  await ready();
}

const tab = (name: string) => page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name });

describe("touch targets at 390 × 844", () => {
  it("every control on the main screens is at least 44 × 44 px and has an accessible name", async () => {
    await open("#/", () => page.getByRole("textbox", { name: "Folder path" }).waitFor());
    await measure("home");
    await page.getByRole("button", { name: "Open menu" }).click();
    // Measured (and shown) once it has slid all the way in.
    await expect.poll(async () => (await page.getByRole("navigation", { name: "Conversations menu" }).boundingBox())?.x).toBe(0);
    await measure("drawer");
    await page.keyboard.press("Escape");
    await open(`#/w/${ids.workspace}`, () => page.getByRole("button", { name: "Create session" }).waitFor());
    await measure("workspace");
    await open("#/sessions", () => page.getByTestId("session-row").first().waitFor());
    await measure("sessions");
    await open(`#/s/${ids.session}`, () => page.getByRole("button", { name: "Session menu" }).waitFor());
    // The overview's top bar is its only header row (drawer, back, name, workspace and counts, the session menu).
    expect(await page.getByTestId("session-header").count()).toBe(0);
    await expect.poll(() => page.locator("header").getByTestId("session-line").textContent()).toMatch(/^chatml-repo-\w+\s· clean/);
    await measure("session");
    await page.getByRole("button", { name: "Session menu" }).click();
    await page.getByRole("dialog", { name: "Session details" }).waitFor();
    // Already on the overview: the sheet does not offer the way to it.
    expect(await page.getByRole("link", { name: "Session overview" }).count()).toBe(0);
    await measure("session-details");
    await page.getByRole("button", { name: "Close details" }).click();
    // Over a workbench view of the overview the session header is back, and it names the session.
    await tab("Git").click();
    await page.getByTestId("session-header").getByRole("link", { name: sessionName }).waitFor();
    // The name reads on the row's middle line beside the drawer button and Details; it sat at the top of its 44 px link.
    const nameOffCentre = await page.getByTestId("session-header").evaluate((header) => {
      const text = document.createRange();
      text.selectNodeContents(header.querySelector("a") as HTMLElement);
      const [line, row] = [text.getBoundingClientRect(), header.getBoundingClientRect()];
      return Math.abs(line.top + line.height / 2 - (row.top + row.height / 2));
    });
    expect(nameOffCentre).toBeLessThan(3);
    // The counts read whole beside the long name, which is cut instead (they were cut to "clea…").
    const summary = page.getByTestId("session-header-summary");
    expect(await summary.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
    expect(await summary.textContent()).toMatch(/^clean/);
    await tab("Chat").click();

    const chat = new ChatPage(page);
    await open(`#/c/${ids.conversation}`, () => chat.box.waitFor());
    await chat.send("Run a command @@bash");
    await chat.card().waitFor({ timeout: 60_000 });
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("Also say hello");
    await measure("chat-permission");
    await chat.allowUntilTurns(1);
    await chat.send("Write it @@write");
    await chat.allowUntilTurns(2);
    await measure("chat");
    // Two compact rows (the header naming conversation and session, then status and mode) above the conversation.
    expect((await page.getByTestId("timeline").boundingBox())?.y).toBeLessThan(2 * 48 + 4);
    await page.getByRole("button", { name: "Session controls" }).click();
    await measure("chat-session-controls");
    await page.keyboard.press("Escape");
    // What the rows fold away is one tap off, in sheets: the status in full, the mode switch, the session's menu.
    for (const [name, button, dialog] of [["chat-status", /^Status: /, "Conversation status"], ["chat-mode", "Mode: chat", "Chat mode"], ["chat-session-menu", "Session menu", "Session details"]] as const) {
      await page.getByRole("button", { name: button }).click();
      await page.getByRole("dialog", { name: dialog }).waitFor();
      await measure(name);
      await page.keyboard.press("Escape");
      await page.getByRole("dialog", { name: dialog }).waitFor({ state: "detached" });
    }

    await tab("Changes").click();
    await page.getByTestId("changed-file").first().click();
    await page.locator("[data-diff-line]").first().waitFor({ timeout: 15_000 });
    await measure("diff");
    // The finger-sized way to the same comment form the line numbers open.
    await page.getByText("Comment on lines…").click();
    await page.getByRole("textbox", { name: "From line" }).fill("1");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await page.getByRole("textbox", { name: "Review comment" }).waitFor();
    await measure("diff-comment");
    await tab("Files").click();
    await page.getByRole("tree", { name: "Files" }).getByRole("treeitem").first().waitFor({ timeout: 15_000 });
    // The files Claude wrote are marked (untracked: "?"), and the name says it in words; unchanged ones are not.
    const files = page.getByRole("tree", { name: "Files" });
    await files.getByRole("button", { name: "hello.txt, untracked", exact: true }).waitFor({ timeout: 15_000 });
    expect(await files.getByRole("button", { name: "README.md", exact: true }).count()).toBe(1);
    await measure("files");
    await tab("Git").click();
    await measure("git");
    // An open hunk: its Stage and Discard, Discard's confirmation, a picked line's Clear, and the line toggles.
    writeFileSync(join(sessionFolder, "README.md"), "# test\nA line added by hand.\nAnd a second one.\n");
    await page.getByRole("button", { name: "Show the unstaged diff of README.md" }).click({ timeout: 15_000 });
    const hunk = page.getByRole("list", { name: "Hunks of README.md" });
    await hunk.getByRole("button", { name: "Stage hunk 1 of README.md" }).waitFor({ timeout: 15_000 });
    await measure("git-hunk");
    await hunk.getByRole("button", { name: "+A line added by hand." }).click();
    await hunk.getByRole("button", { name: "Discard 1 line of hunk 1 of README.md" }).click();
    await hunk.getByRole("group", { name: "Confirm: Discard 1 line of hunk 1 of README.md" }).waitFor();
    await measure("git-hunk-picked");
    // The hunk's header still shows beside its four buttons: they wrap under it rather than squeeze it to nothing.
    expect((await hunk.locator("code").first().boundingBox())?.width).toBeGreaterThan(150);
    await hunk.getByRole("button", { name: "Clear the lines picked in hunk 1 of README.md" }).click();
    await tab("Terminals").click();
    await page.getByRole("button", { name: "+ Terminal" }).click();
    await page.getByTestId("terminal-screen").locator(".xterm-screen").waitFor({ timeout: 15_000 });
    // Opened here, it is sized to the phone at once: no prompt cut off at the right before the first tap.
    await expect.poll(async () => Number((await page.getByRole("region", { name: "Terminals" }).getByText(/^\d+×\d+$/).innerText()).split("×")[0])).toBeLessThan(60);
    await measure("terminals");
    // The chosen terminal's actions wait in a sheet at the tabs' end (the phone's rows above the terminal were four), and
    // share rows there (they were a column of one button per line beside the outside sessions): with Search (ADR 0312)
    // the five take two rows at 390 px.
    await page.getByRole("button", { name: "Actions for Terminal 1" }).click();
    const actionSheet = page.getByRole("dialog");
    const actionRows = await Promise.all(["Search the output of", "Rename", "Kill", "Restart", "Close"].map(async (action) => (await actionSheet.getByRole("button", { name: `${action} Terminal 1` }).boundingBox())?.y));
    expect(actionRows.every((y) => y !== undefined)).toBe(true);
    expect(new Set(actionRows).size).toBeLessThanOrEqual(2);
    await measure("terminal-actions");
    await actionSheet.getByRole("button", { name: "Cancel" }).click();
    await actionSheet.waitFor({ state: "detached" });
    // The terminal fills what is left above the views bar and never covers it: Chat is still tappable.
    const terminals = await page.getByRole("region", { name: "Terminals" }).boundingBox();
    const views = await page.getByRole("navigation", { name: "Workbench views" }).boundingBox();
    expect((terminals?.y ?? 0) + (terminals?.height ?? 0)).toBeLessThanOrEqual((views?.y ?? 0) + 1);
    // The session header is the only header over a workbench view, so the way to the rest of the app is there too.
    await page.getByTestId("session-header").getByRole("button", { name: "Open menu" }).click();
    // It takes the keyboard from the terminal, so Escape closes it rather than reaching the shell.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Close menu");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("navigation", { name: "Conversations menu" }).getAttribute("inert")).not.toBeNull();
    await tab("Chat").click();
    // Counted once the chat shows: the terminal view before it had one Open menu too, so counting at once proved nothing.
    await chat.box.waitFor();
    // Over the chat its own header has the drawer button; the session header is not shown twice with another.
    expect(await page.getByRole("button", { name: "Open menu" }).count()).toBe(1);

    // Each screen is measured once its own title shows (any heading matched the screen before it, and two screens
    // were measured while their chunk loaded: a spinner).
    for (const [name, hash, title] of [["search", "#/search", "Search"], ["jobs", "#/jobs", "Jobs"], ["skills", "#/skills", "Skills"], ["integrations", "#/integrations", "Integrations"], ["pull-requests", "#/prs", "Pull requests"], ["new", "#/new", "New conversation"], ["settings", "#/settings", "Settings"]] as const) {
      await open(hash, () => page.getByRole("heading", { name: title, level: 1, exact: true }).waitFor());
      await page.getByText("Loading…").first().waitFor({ state: "detached" });
      await measure(name);
    }
    await openDevices(page);
    await page.getByTestId("device-row").first().waitFor();
    await measure("devices");
    expect(problems).toEqual({});
    expect(unnamed).toEqual({});
  });

  it("the same conversation and diff at 1440 × 900 (screenshots; the line numbers are the desktop's way to comment)", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const desktop = await context.newPage();
    try {
      await desktop.goto(server.url);
      await desktop.getByRole("textbox", { name: "Folder path" }).waitFor({ timeout: 15_000 });
      await desktop.goto(`${server.origin}/#/c/${ids.conversation}`);
      await desktop.getByRole("textbox", { name: "Message", exact: true }).waitFor({ timeout: 15_000 });
      await desktop.getByTestId("changed-file").first().click();
      await desktop.locator("[data-diff-line]").first().waitFor({ timeout: 15_000 });
      // Desktop keeps the dense diff: no phone picker in the way.
      expect(await desktop.getByText("Comment on lines…").isVisible()).toBe(false);
      await desktop.screenshot({ path: join(SHOTS, "touch-desktop-chat-diff.png") });
      // The desktop's denser controls (sidebar, tabs, side panel, diff) all have names too.
      expect(await unnamedControls(desktop)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
