import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cliBinPath, cliEnv, REPO_ROOT, startChatml, startFakeApi, startServerAndBrowser, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { failureScreenshot } from "./harness/failure-context.ts";
import { ChatPage } from "./support/chat-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "chat-history");
// The desktop asks for motion and the phone for less (what the suite's pages ask for): the frame-by-frame check of a
// growing code block holds with both (less motion once made every row's move a transition, a frame behind).
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true, reducedMotion: "reduce" },
  { name: "desktop", width: 1440, height: 900, isMobile: false, hasTouch: false, reducedMotion: "no-preference" },
] as const;

/**
 * History tells what actually happened: an edited command, CLI-cut output, prose instead of JSON. Real server, real
 * CLI (2.1.330), the fake API, at phone and desktop sizes.
 */
describe.each(VIEWPORTS)("the conversation's history ($name)", (viewport) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let page: Page;
  let chat: ChatPage;
  let folder: string;
  let turns = 0;
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${viewport.name}-${name}.png`) });
  const nextTurn = async () => chat.waitForTurns(++turns);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-history-home") });
    ({ server, browser } = await startServerAndBrowser(() => startChatml({ dataDir: tempDir("chatml-history-data"), claudeBin: cliBinPath("2.1.330"), env })));
    const context = await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch, reducedMotion: viewport.reducedMotion, permissions: ["clipboard-read", "clipboard-write"] });
    // Lets a case see the page as each frame is painted: after every ResizeObserver callback (the last script of a frame).
    await context.addInitScript(() => {
      const Native = window.ResizeObserver;
      window.ResizeObserver = class extends Native {
        constructor(callback: ResizeObserverCallback) {
          super((entries, observer) => {
            callback(entries, observer);
            (window as { __afterResize?: () => void }).__afterResize?.();
          });
        }
      };
    });
    page = await context.newPage();
    chat = new ChatPage(page);
    await page.goto(server.url);
    folder = tempDir(`chatml-history-${viewport.name}`);
    await page.getByRole("textbox", { name: "Folder path" }).fill(folder);
    await page.getByRole("button", { name: "Start conversation" }).click();
    // Every case goes on from the one before in this conversation: it must have opened.
    await chat.box.waitFor({ timeout: 30_000 });
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

  it("shows the command the user edited and allowed, marked as edited, even after a reload", async () => {
    await chat.send("Run it @@bash");
    const box = chat.card().getByRole("textbox", { name: "Command" });
    await box.fill("echo edited-by-user > bash-out.txt && cat bash-out.txt");
    await chat.card().getByRole("button", { name: "Allow edited" }).click();
    await nextTurn();
    expect(readFileSync(join(folder, "bash-out.txt"), "utf8")).toBe("edited-by-user\n");
    for (const when of ["live", "reloaded"]) {
      if (when === "reloaded") await page.reload();
      const bash = await chat.openTool("Bash");
      await expect.poll(() => bash.innerText()).toContain("$ echo edited-by-user > bash-out.txt");
      expect(await bash.getByRole("button").first().innerText()).toMatch(/edited-by-user[\s\S]*edited/);
      expect(await bash.getByTestId("edited-note").innerText()).toContain("You edited this before allowing it");
      expect(await bash.locator("pre").first().innerText()).not.toContain("hello-from-bash");
    }
    await shot("edited-command");
    expect(existsSync(join(folder, "bash-out.txt"))).toBe(true);
  });

  it("says when Claude Code cut a huge output, how big it really was and where the whole of it is", async () => {
    await chat.send("Print a lot @@bigbash");
    await chat.allowUntilTurns(++turns);
    const bash = await chat.openTool("Bash");
    const note = bash.getByTestId("saved-output");
    await note.waitFor({ timeout: 15_000 });
    expect(await note.innerText()).toMatch(/Output cut by Claude Code[\s\S]*of 2\.\d MB[\s\S]*\/tool-results\//);
    const showAll = bash.getByRole("button", { name: /^Show all/ });
    if ((await showAll.count()) > 0) expect(await showAll.innerText()).toBe("Show all Claude saw");
    await note.scrollIntoViewIfNeeded();
    await shot("cut-output");
  });

  it("shows a question and the user's answer as words, not JSON", async () => {
    await chat.send("Ask me @@ask");
    await chat.card().getByRole("radio", { name: /Blue/ }).check();
    await chat.card().getByRole("button", { name: "Submit answers" }).click();
    await nextTurn();
    const ask = await chat.openTool("AskUserQuestion");
    await expect.poll(() => ask.innerText()).toContain("Which color do you prefer?");
    expect(await ask.getByText("(your answer)").locator("xpath=..").innerText()).toContain("Blue");
    expect(await ask.innerText()).not.toContain('"questions"');
    await shot("question-answered");
  });

  it("tells a second device that lost the race who allowed the request", async () => {
    const other = await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.hasTouch });
    try {
      const second = await other.newPage();
      await second.goto(server.url);
      await second.goto(page.url());
      await chat.send("Run it again @@bash");
      const card = new ChatPage(second).card();
      await card.waitFor({ timeout: 60_000 });
      await chat.card().getByRole("button", { name: "Allow", exact: true }).click();
      const note = second.getByTestId("decided-elsewhere");
      await note.waitFor({ timeout: 30_000 });
      expect(await note.innerText()).toMatch(/Allowed on \S+[\s\S]*Bash: echo hello-from-bash/);
      expect(await page.getByTestId("decided-elsewhere").count()).toBe(0);
      await nextTurn();
      await second.screenshot({ path: join(SHOTS, `${viewport.name}-decided-elsewhere.png`) });
    } finally {
      await other.close();
    }
  });

  it("nests a sub-agent's steps and puts its report, as markdown, below them", async () => {
    await chat.send("Delegate @@task");
    await chat.allowUntilTurns(++turns);
    const agent = await chat.openTool("Agent");
    const report = agent.getByTestId("agent-report");
    await expect.poll(() => report.innerText()).toContain("Sub-agent done");
    // Its own words are nested above the report (2.1.330 forwards them when asked at initialize), said once.
    await expect.poll(() => agent.getByTestId("subagent").first().innerText()).toContain("Sub-agent working.");
    expect(await agent.getByTestId("subagent").first().innerText()).not.toContain("Sub-agent done");
    expect(await report.innerText()).not.toMatch(/hand-back|agentId|<usage>|tools-used/);
    const isBelow = await agent.evaluate((el) => {
      const nested = el.querySelector('[data-testid="subagent"]');
      const result = el.querySelector('[data-testid="agent-report"]');
      return !!nested && !!result && (nested.compareDocumentPosition(result) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(isBelow).toBe(true);
    await report.scrollIntoViewIfNeeded();
    await shot("subagent");
  });

  it("copies, edits and retries messages; a code block has one frame with Copy above the code", async () => {
    // Each frame while the code block grows, as it is painted: the "Working" line below the list must not cover the
    // block's row (the rows' heights once lagged a frame behind a growing answer). A frame's last ResizeObserver
    // callback is the last script before its paint (the init script below reports each one).
    await page.evaluate(() => {
      const seen = { frames: 0, overlapping: 0 };
      const w = window as { __overlap?: typeof seen; __afterResize?: () => void };
      w.__overlap = seen;
      let isOverlapping: boolean | null = null;
      w.__afterResize = () => {
        const indicator = document.querySelector("[data-testid=working-indicator]");
        const rows = document.querySelectorAll("[data-testid=timeline] [data-index]");
        const last = rows[rows.length - 1];
        isOverlapping = indicator && last?.querySelector("[data-testid=code-block]") ? indicator.getBoundingClientRect().top < last.getBoundingClientRect().bottom - 1 : null;
      };
      const everyFrame = () => {
        if (isOverlapping !== null) {
          seen.frames += 1;
          if (isOverlapping) seen.overlapping += 1;
        }
        isOverlapping = null;
        requestAnimationFrame(everyFrame);
      };
      requestAnimationFrame(everyFrame);
    });
    await chat.send("Show code @@code");
    await nextTurn();
    const overlap = await page.evaluate(() => (window as { __overlap?: { frames: number; overlapping: number } }).__overlap);
    expect(overlap?.frames).toBeGreaterThan(0);
    expect(overlap?.overlapping).toBe(0);
    const reply = page.getByTestId("message-assistant").filter({ hasText: "That prints 42." }).last();
    const block = reply.getByTestId("code-block");
    await block.waitFor({ timeout: 15_000 });
    const code = await block.locator("pre").boundingBox();
    const copyCode = await block.getByRole("button", { name: "Copy code" }).boundingBox();
    expect(copyCode!.y + copyCode!.height).toBeLessThanOrEqual(code!.y + 1);
    expect(await block.locator("pre").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgba(0, 0, 0, 0)");
    expect(await block.locator("pre code").evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgba(0, 0, 0, 0)");
    await reply.getByRole("button", { name: "Copy message" }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("const answer = 42;");
    await block.scrollIntoViewIfNeeded();
    await shot("code-block");

    await chat.send("@@remember retry me");
    await nextTurn();
    // From the keyboard: the pressed Retry leaves with its row, and the retried message's Retry takes the focus, which
    // it keeps while Claude answers (it says it waits for the turn) and after; the timeline stays at its end meanwhile
    // (it flashed to the top as the focus came: the virtualizer then dropped the row, and the focus went to the page).
    await chat.userMessage("@@remember retry me").getByRole("button", { name: /^Retry/ }).focus();
    await page.getByTestId("timeline").evaluate((timeline) => {
      const lowest = { top: timeline.scrollTop };
      (window as { __lowestScroll?: typeof lowest }).__lowestScroll = lowest;
      timeline.addEventListener("scroll", () => (lowest.top = Math.min(lowest.top, timeline.scrollTop)));
    });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("message-user").filter({ hasText: "@@remember retry me" }).count(), { timeout: 15_000 }).toBe(2);
    /** Where the focus is: the Retry of the newest of the user's messages, or what else. */
    const focused = () => page.evaluate(() => {
      const active = document.activeElement;
      const rows = [...document.querySelectorAll('[data-testid="message-user"]')];
      const row = active?.closest('[data-testid="message-user"]');
      return row && rows.indexOf(row) === rows.length - 1 ? active?.getAttribute("aria-label")?.split(" (")[0] : (active?.tagName ?? null);
    });
    await expect.poll(focused).toBe("Retry: send this message again");
    expect(await page.evaluate(() => (window as { __lowestScroll?: { top: number } }).__lowestScroll?.top)).toBeGreaterThan(0);
    await nextTurn();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Retry: send this message again");
    await chat.userMessage("@@remember retry me").getByRole("button", { name: "Edit and resend" }).click();
    await expect.poll(() => chat.box.inputValue()).toBe("@@remember retry me");
    await chat.box.fill("@@remember edited one");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await nextTurn();
    await chat.waitForText(/I remember: .*edited one/);
    await shot("message-actions");
  });

  it("Retry and Edit send the message's images again, not only its words", async () => {
    /** The most image blocks any request to the model carried since `from` (the CLI sends the whole history). */
    const imagesSent = (from: number) => Math.max(0, ...api.requests.slice(from).map((r) => JSON.stringify(r.body ?? "").split('"type":"image"').length - 1));
    const sent = () => page.getByTestId("message-user").filter({ hasText: "Look at this @@text" });
    await page.getByLabel("Image files").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: Buffer.from(PNG_1PX, "base64") });
    await page.getByRole("list", { name: "Attached images" }).getByRole("img").waitFor({ timeout: 10_000 });
    const first = api.requests.length;
    await chat.send("Look at this @@text");
    await nextTurn();
    await expect.poll(() => sent().last().getByRole("img", { name: "Attached image" }).count()).toBe(1);
    expect(imagesSent(first)).toBe(1);

    const retried = api.requests.length;
    await sent().last().getByRole("button", { name: /^Retry/ }).click();
    await expect.poll(() => sent().count(), { timeout: 15_000 }).toBe(2);
    await nextTurn();
    await expect.poll(() => sent().last().getByRole("img", { name: "Attached image" }).count()).toBe(1);
    expect(imagesSent(retried)).toBe(2);

    await sent().last().getByRole("button", { name: "Edit and resend" }).click();
    await page.getByRole("list", { name: "Attached images" }).getByRole("img").waitFor({ timeout: 10_000 });
    await expect.poll(() => chat.box.inputValue()).toBe("Look at this @@text");
    await shot("edit-keeps-image");
    const edited = api.requests.length;
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => sent().count(), { timeout: 15_000 }).toBe(3);
    await nextTurn();
    await expect.poll(() => sent().last().getByRole("img", { name: "Attached image" }).count()).toBe(1);
    expect(imagesSent(edited)).toBe(3);
    expect(await page.getByRole("list", { name: "Attached images" }).count()).toBe(0);
  });

  it("keeps a question's pick and unsent images across a reload", async () => {
    await chat.send("Ask again @@ask");
    await chat.card().getByRole("radio", { name: /Blue/ }).check();
    await page.getByLabel("Image files").setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: Buffer.from(PNG_1PX, "base64") });
    await page.getByRole("list", { name: "Attached images" }).getByRole("img").waitFor({ timeout: 10_000 });
    await page.reload();
    await chat.card().waitFor({ timeout: 30_000 });
    expect(await chat.card().getByRole("radio", { name: /Blue/ }).isChecked()).toBe(true);
    await page.getByRole("list", { name: "Attached images" }).getByRole("img", { name: "dot.png" }).waitFor({ timeout: 10_000 });
    await shot("restored-after-reload");
    await chat.card().getByRole("button", { name: "Submit answers" }).click();
    await nextTurn();
    await page.getByRole("button", { name: "Remove dot.png" }).click();
    // The removal is written to IndexedDB asynchronously: reload once it is stored, as a user's later reload would.
    const conversationId = new URL(page.url()).hash.split("/")[2] ?? "";
    const hasDraft = () =>
      page.evaluate(
        (id) =>
          new Promise<boolean>((resolve) => {
            const opened = indexedDB.open("chatml-drafts", 1);
            opened.onsuccess = () => {
              const read = opened.result.transaction("images").objectStore("images").get(id);
              read.onsuccess = () => {
                opened.result.close();
                resolve(read.result !== undefined);
              };
            };
          }),
        conversationId,
      );
    await expect.poll(hasDraft).toBe(false);
    await page.reload();
    await chat.box.waitFor({ timeout: 15_000 });
    expect(await page.getByRole("list", { name: "Attached images" }).count()).toBe(0);
  });
});

/** A 1×1 transparent PNG. */
const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
