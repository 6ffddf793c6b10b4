import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { git } from "../server/git/git.ts";
import { commitFile, makeTempRepo } from "../server/git/test-support.ts";
import { HELLO_CONTENT } from "./fake-api/tool-scripts.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";
import { ChatPage } from "./support/chat-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "workbench");
type SessionRow = { id: string; cwd: string; setup: { status: string } | null };

/**
 * The session workbench through the real server, the real CLI and the fake API: Claude writes a file, it shows in
 * Changes, its diff opens, the file is edited and saved in the editor, a review comment is left on a diff line and
 * sent to Claude (the fake API receives it) — on a desktop and on a phone, each seeing the other's comments live.
 */
describe("the session workbench (desktop 1440×900 and phone 390×844)", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  let client: ChatmlClient;
  let session: SessionRow;
  let conversationId: string;
  let devices: SignedInDevices;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-wb"));
    repo = await makeTempRepo();
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

  const open = (viewport: { width: number; height: number; isMobile?: boolean }) => devices.open(viewport.isMobile ? "phone" : "desktop", `#/c/${conversationId}`);

  const createSession = async (name = "bench") => {
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    ({ session } = await client.api<{ session: SessionRow }>("/api/sessions", { body: { workspaceId: workspace.id, name } }));
    await expect.poll(async () => (await client.api<{ session: SessionRow }>(`/api/sessions/${session.id}`)).session.setup?.status ?? "ready", { timeout: 30_000 }).toBe("ready");
    const { conversations } = await client.api<{ conversations: { id: string; kind: string }[] }>(`/api/conversations?sessionId=${session.id}`);
    conversationId = conversations.find((c) => c.kind === "task")?.id ?? "";
    expect(conversationId).not.toBe("");
  };

  it("Claude writes a file → Changes → diff → edit and save → review comment → sent to Claude, live on a phone", async () => {
    await createSession();
    const desktop = await open({ width: 1440, height: 900 });
    const chat = new ChatPage(desktop);
    await chat.send("@@write a greeting file");
    await chat.allowUntilTurns(1);
    expect(readFileSync(join(session.cwd, "hello.txt"), "utf8")).toBe(HELLO_CONTENT);

    const changes = desktop.getByRole("list", { name: "Changed files" });
    await changes.getByRole("button", { name: /hello\.txt/ }).waitFor({ timeout: 20_000 });
    expect(await changes.getByRole("button", { name: /hello\.txt/ }).textContent()).toContain("+1");
    await changes.getByRole("button", { name: /hello\.txt/ }).click();
    const diff = desktop.getByRole("region", { name: "Diff of hello.txt" });
    await diff.getByText("hello from chatml").waitFor({ timeout: 15_000 });
    await desktop.screenshot({ path: join(SHOTS, "desktop-diff.png") });

    await desktop.getByRole("tab", { name: "Files" }).click();
    await desktop.getByRole("searchbox", { name: "Go to file" }).fill("hello");
    await desktop.getByRole("list", { name: "Matching files" }).getByRole("button", { name: "hello.txt" }).click();
    const editor = desktop.locator(".cm-content");
    await editor.getByText("hello from chatml").waitFor({ timeout: 15_000 });
    // An editor with no unsaved edits follows the disk when something else writes the file (a terminal, Claude).
    writeFileSync(join(session.cwd, "hello.txt"), `${HELLO_CONTENT}appended in a terminal\n`);
    await editor.getByText("appended in a terminal").waitFor({ timeout: 15_000 });
    writeFileSync(join(session.cwd, "hello.txt"), HELLO_CONTENT);
    await editor.getByText("appended in a terminal").waitFor({ state: "detached", timeout: 15_000 });
    await editor.click();
    await desktop.keyboard.press("ControlOrMeta+End");
    await desktop.keyboard.type("edited in the browser");
    await expect.poll(() => readFileSync(join(session.cwd, "hello.txt"), "utf8"), { timeout: 15_000 }).toBe(`${HELLO_CONTENT}edited in the browser`);
    await expect.poll(() => desktop.getByTestId("save-status").textContent()).toBe("Saved");
    await desktop.screenshot({ path: join(SHOTS, "desktop-editor.png") });
    // Typing and switching tabs at once, before the auto-save's pause: leaving the editor saves what was typed.
    await desktop.keyboard.type(", then left");
    await desktop.getByRole("tab", { name: "Δ hello.txt" }).click();
    await diff.getByText("edited in the browser, then left").waitFor({ timeout: 15_000 });
    expect(readFileSync(join(session.cwd, "hello.txt"), "utf8")).toBe(`${HELLO_CONTENT}edited in the browser, then left`);
    await diff.getByRole("button", { name: "New line 2" }).click();
    await desktop.getByRole("textbox", { name: "Review comment" }).fill("Please end this line with a full stop.");
    await desktop.getByRole("button", { name: "Add comment" }).click();
    await diff.getByTestId("review-comment").filter({ hasText: "full stop" }).waitFor({ timeout: 10_000 });

    const phone = await open({ width: 390, height: 844, isMobile: true });
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
    await phone.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /hello\.txt/ }).click();
    const phoneDiff = phone.getByRole("region", { name: "Diff of hello.txt" });
    await phoneDiff.getByTestId("review-comment").filter({ hasText: "full stop" }).waitFor({ timeout: 15_000 });
    // On a phone the line numbers are text (20 px tall buttons a finger missed): "Comment on lines…" picks lines 1–2.
    expect(await phoneDiff.getByRole("button", { name: /^(New|Old) line/ }).count()).toBe(0);
    await phone.getByText("Comment on lines…").click();
    await phone.getByRole("textbox", { name: "From line" }).fill("1");
    await phone.getByRole("textbox", { name: "To line" }).fill("2");
    await phone.getByRole("button", { name: "Comment", exact: true }).click();
    await phone.getByText("Comment on lines 1–2").waitFor({ timeout: 10_000 });
    await phone.getByRole("textbox", { name: "Review comment" }).fill("Say hello to the world instead.");
    await phone.getByRole("button", { name: "Add comment" }).click();
    await phoneDiff.getByTestId("review-comment").filter({ hasText: "world" }).waitFor({ timeout: 10_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-diff-comments.png") });
    await diff.getByTestId("review-comment").filter({ hasText: "world" }).waitFor({ timeout: 10_000 });

    const requestsBefore = api.requests.length;
    await desktop.getByRole("button", { name: "Send 2 comments to Claude" }).click();
    await expect
      .poll(() => api.requests.slice(requestsBefore).some((r) => JSON.stringify(r.body).includes("Please end this line with a full stop.") && JSON.stringify(r.body).includes("Say hello to the world instead.")), { timeout: 60_000 })
      .toBe(true);
    const received = JSON.stringify(api.requests.slice(requestsBefore).find((r) => JSON.stringify(r.body).includes("full stop"))?.body);
    expect(received).toContain("`hello.txt` line 2");
    expect(received).toContain("`hello.txt` lines 1-2");
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Chat" }).click();
    await phone.getByTestId("message-user").filter({ hasText: "review comments" }).first().waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-chat-after-send.png") });
    // Back (the browser's, Android's gesture) from a workbench view returns to the conversation, not out of the session.
    const views = phone.getByRole("navigation", { name: "Workbench views" });
    const conversationUrl = phone.url();
    await views.getByRole("button", { name: "Files" }).click();
    await phone.goBack();
    await expect.poll(() => views.getByRole("button", { name: "Chat" }).getAttribute("aria-pressed")).toBe("true");
    expect(phone.url()).toBe(conversationUrl);
    await desktop.getByRole("button", { name: /Send \d+ comments? to Claude/ }).waitFor({ state: "detached", timeout: 10_000 });
    await desktop.screenshot({ path: join(SHOTS, "desktop-after-send.png") });

    // A file deleted in the session comes back from its diff, on the phone, as it was.
    rmSync(join(session.cwd, "README.md"));
    await views.getByRole("button", { name: "Changes" }).click();
    await phone.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /README\.md/ }).click({ timeout: 20_000 });
    await phone.getByRole("button", { name: "Restore README.md as it was before it was deleted" }).waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-diff-deleted.png") });
    await phone.getByRole("button", { name: "Restore README.md as it was before it was deleted" }).tap();
    // The file can be there before its bytes are (the restore creates it, then writes it): wait for what it holds.
    const restored = () => (existsSync(join(session.cwd, "README.md")) ? readFileSync(join(session.cwd, "README.md"), "utf8") : null);
    await expect.poll(restored, { timeout: 15_000 }).toBe("# test\n");
    await phone.getByRole("button", { name: /^Restore README\.md/ }).waitFor({ state: "detached", timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-diff-restored.png") });
  });

  it("the whole-session diff shows every file (150 here, past the old cap of 100), each loaded as it scrolls near", async () => {
    repo = await makeTempRepo();
    await createSession("many-files");
    mkdirSync(join(session.cwd, "many"));
    for (let i = 1; i <= 150; i++) writeFileSync(join(session.cwd, "many", `file-${String(i).padStart(3, "0")}.txt`), `line of file ${i}\n`);
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("button", { name: "Review all 150 files" }).click({ timeout: 20_000 });
    await desktop.getByText("150 changed files").waitFor({ timeout: 15_000 });
    await desktop.getByRole("region", { name: "Diff of many/file-001.txt" }).getByText("line of file 1").waitFor({ timeout: 15_000 });
    expect(await desktop.getByTestId("diff-viewer").count()).toBeLessThan(150);
    const last = desktop.locator('section[aria-label="many/file-150.txt"]');
    await last.scrollIntoViewIfNeeded();
    await desktop.getByRole("region", { name: "Diff of many/file-150.txt" }).getByText("line of file 150").waitFor({ timeout: 15_000 });
    await desktop.screenshot({ path: join(SHOTS, "desktop-session-diff-150.png") });

    const phone = await open({ width: 390, height: 844, isMobile: true });
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
    await phone.getByRole("button", { name: "Review all 150 files" }).click();
    await phone.getByRole("region", { name: "Diff of many/file-001.txt" }).getByText("line of file 1").waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-session-diff-150.png") });
  });

  it("a 3 MB diff is worked out in a worker: the page draws frames and takes typing while it is compared", async () => {
    repo = await makeTempRepo();
    await createSession("big-diff");
    const generated = (edit: (i: number) => string) => Array.from({ length: 50_000 }, (_, i) => `export const value${i} = "alpha ${edit(i)} gamma";`).join("\n") + "\n";
    await commitFile(session.cwd, "generated.ts", generated((i) => `beta ${i}`));
    // Every third line edited: the diff pairs them word by word, about a second of work on the page's thread before.
    writeFileSync(join(session.cwd, "generated.ts"), generated((i) => (i % 3 === 0 ? `BETA ${i * 7}` : `beta ${i}`)));
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("radio", { name: "Uncommitted" }).click({ timeout: 20_000 });
    const file = desktop.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /generated\.ts/ });
    await file.waitFor({ timeout: 20_000 });
    // Every animation frame's time, to see whether the page kept drawing while the diff was worked out.
    await desktop.evaluate(() => {
      const frames: number[] = [];
      Object.assign(window, { frameTimes: frames });
      const tick = (at: number) => {
        frames.push(at);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await file.click();
    const composer = desktop.getByRole("textbox", { name: "Message", exact: true });
    await composer.pressSequentially("typed while comparing");
    await desktop.getByRole("region", { name: "Diff of generated.ts" }).getByText('"alpha BETA 0 gamma"').first().waitFor({ timeout: 60_000 });
    expect(await composer.inputValue()).toBe("typed while comparing");
    const { measures, frameTimes } = await desktop.evaluate(() => ({
      measures: performance.getEntriesByName("chatml:diff-off-main-thread").map((m) => ({ start: m.startTime, end: m.startTime + m.duration, detail: (m as PerformanceMeasure).detail as { lineCount: number } })),
      frameTimes: (window as unknown as { frameTimes: number[] }).frameTimes,
    }));
    expect(measures).toHaveLength(1);
    const [measure] = measures as [(typeof measures)[number]];
    expect(measure.detail.lineCount).toBe(50_000 + 16_667);
    expect(frameTimes.filter((at) => at > measure.start && at < measure.end).length).toBeGreaterThan(1);
    await desktop.screenshot({ path: join(SHOTS, "desktop-big-diff.png") });
  });

  it("a new file of 200,000 lines shows its diff (it said 'Maximum call stack size exceeded': its lines were one call's arguments)", async () => {
    repo = await makeTempRepo();
    await createSession("big-new-file");
    writeFileSync(join(session.cwd, "large.log"), `${Array.from({ length: 200_000 }, (_, i) => `log line ${i}`).join("\n")}\n`);
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("radio", { name: "Uncommitted" }).click({ timeout: 20_000 });
    await desktop.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /large\.log/ }).click({ timeout: 20_000 });
    const diff = desktop.getByRole("region", { name: "Diff of large.log" });
    const failed = diff.getByText(/could not be worked out/);
    await diff.getByText("log line 0", { exact: true }).or(failed).first().waitFor({ timeout: 60_000 });
    expect(await failed.count()).toBe(0);
    await desktop.screenshot({ path: join(SHOTS, "desktop-big-new-file.png") });
  });

  it("a very long line's number stays at its top, beside its first characters, not in the middle of its wrapped rows", async () => {
    repo = await makeTempRepo();
    await createSession("long-line");
    writeFileSync(join(session.cwd, "long.txt"), `START${"x".repeat(20_000)}\n`);
    const phone = await open({ width: 390, height: 844, isMobile: true });
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
    await phone.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /long\.txt/ }).click({ timeout: 20_000 });
    const diff = phone.getByRole("region", { name: "Diff of long.txt" });
    const number = await diff.getByTestId("line-number").filter({ hasText: /^1$/ }).boundingBox({ timeout: 15_000 });
    const row = await diff.locator('[data-diff-line="add"]').boundingBox();
    await phone.screenshot({ path: join(SHOTS, "phone-long-line.png") });
    expect(row!.height).toBeGreaterThan(number!.height * 10);
    expect(number!.y).toBe(row!.y);
  });

  it("an edited image shows before and after (stacked on a phone), each to download; a path outside the worktree is refused", async () => {
    repo = await makeTempRepo();
    const before = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0xff, 0xfe]);
    const after = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 3, 255]);
    writeFileSync(join(repo, "pixel.png"), before);
    await git(repo, ["add", "pixel.png"]);
    await git(repo, ["commit", "-qm", "a picture"]);
    await createSession("binary");
    writeFileSync(join(session.cwd, "pixel.png"), after);
    const phone = await open({ width: 390, height: 844, isMobile: true });
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
    await phone.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /pixel\.png/ }).click({ timeout: 20_000 });
    const old = await phone.getByRole("img", { name: "pixel.png as it was before the change" }).boundingBox({ timeout: 15_000 });
    const current = await phone.getByRole("img", { name: "pixel.png as it is after the change" }).boundingBox();
    await phone.screenshot({ path: join(SHOTS, "phone-image-diff.png") });
    expect(current!.y).toBeGreaterThan(old!.y + old!.height);
    for (const [name, bytes] of [["pixel.png as it was before the change", before], ["pixel.png as it is after the change", after]] as const) {
      const [download] = await Promise.all([phone.waitForEvent("download"), phone.getByRole("link", { name: `Download ${name}` }).tap()]);
      expect(download.suggestedFilename()).toBe("pixel.png");
      expect(readFileSync(await download.path())).toEqual(bytes);
    }
    await expect(client.api(`/api/sessions/${session.id}/files/download?path=${encodeURIComponent("../../etc/passwd")}`)).rejects.toThrow(/403.*outside the session's worktree/);
  });

  it("comments on the old side of an 'Uncommitted' diff (HEAD's version), shown there", async () => {
    repo = await makeTempRepo();
    await createSession("old-side");
    writeFileSync(join(session.cwd, "README.md"), "# changed\n");
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("radio", { name: "Uncommitted" }).click({ timeout: 20_000 });
    await desktop.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /README\.md/ }).click({ timeout: 20_000 });
    const diff = desktop.getByRole("region", { name: "Diff of README.md" });
    await diff.getByRole("button", { name: "Old line 1" }).click({ timeout: 15_000 });
    await desktop.getByText("Comment on line 1 (old version)").waitFor();
    await desktop.getByRole("textbox", { name: "Review comment" }).fill("The old title was better.");
    await desktop.getByRole("button", { name: "Add comment" }).click();
    await diff.getByTestId("review-comment").filter({ hasText: "The old title was better." }).waitFor({ timeout: 10_000 });
    const { comments } = await client.api<{ comments: { side: string; anchorText: string }[] }>(`/api/sessions/${session.id}/reviews`);
    expect(comments).toEqual([expect.objectContaining({ side: "old", anchorText: "# test" })]);
  });

  it("a comment being written survives scrolling it out of a long diff and the file changing under it", async () => {
    repo = await makeTempRepo();
    await createSession("long-diff");
    const numbered = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`).join("\n");
    writeFileSync(join(session.cwd, "long.txt"), `${numbered(400, "line")}\n`);
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /long\.txt/ }).click({ timeout: 20_000 });
    const diff = desktop.getByRole("region", { name: "Diff of long.txt" });
    await diff.getByRole("button", { name: "New line 3", exact: true }).click({ timeout: 15_000 });
    const box = desktop.getByRole("textbox", { name: "Review comment" });
    await box.fill("Number these from zero.");
    // The diff is virtualized: far enough down, the form's row is gone from the page.
    await diff.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await box.waitFor({ state: "detached", timeout: 10_000 });
    await diff.evaluate((el) => el.scrollTo(0, 0));
    await expect.poll(() => box.inputValue()).toBe("Number these from zero.");
    // Claude adds lines above the comment's: the form moves down with its line, words intact.
    writeFileSync(join(session.cwd, "long.txt"), `header\n${numbered(400, "line")}\n`);
    await diff.getByText("header").waitFor({ timeout: 15_000 });
    await desktop.getByText("Comment on line 4").waitFor({ timeout: 10_000 });
    expect(await box.inputValue()).toBe("Number these from zero.");
    await desktop.screenshot({ path: join(SHOTS, "desktop-comment-kept.png") });
    await desktop.getByRole("button", { name: "Add comment" }).click();
    await diff.getByTestId("review-comment").filter({ hasText: "Number these from zero." }).waitFor({ timeout: 10_000 });
    const { comments } = await client.api<{ comments: { startLine: number; anchorText: string }[] }>(`/api/sessions/${session.id}/reviews`);
    expect(comments).toEqual([expect.objectContaining({ startLine: 4, anchorText: "line 3" })]);
  });

  it("a comment edited on the desktop shows edited on the phone at once; resolved on the phone, it is reopened from the list", async () => {
    repo = await makeTempRepo();
    await createSession("edit-comment");
    writeFileSync(join(session.cwd, "notes.txt"), "first\nsecond\n");
    await client.api(`/api/sessions/${session.id}/reviews`, { body: { path: "notes.txt", side: "new", startLine: 2, endLine: 2, body: "Say third." } });
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /notes\.txt/ }).click({ timeout: 20_000 });
    const diff = desktop.getByRole("region", { name: "Diff of notes.txt" });
    const phone = await open({ width: 390, height: 844, isMobile: true });
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
    await phone.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /notes\.txt/ }).click();
    const phoneDiff = phone.getByRole("region", { name: "Diff of notes.txt" });
    await phoneDiff.getByText("Say third.").waitFor({ timeout: 15_000 });

    await diff.getByRole("button", { name: "Edit comment on notes.txt L2" }).click({ timeout: 15_000 });
    await diff.getByRole("textbox", { name: "Edit comment on notes.txt L2" }).fill("Say third, and keep the order.");
    await diff.getByRole("button", { name: "Save" }).click();
    const edited = phoneDiff.getByTestId("review-comment").filter({ hasText: "Say third, and keep the order." });
    await edited.getByText("edited", { exact: true }).waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-comment-edited.png") });

    await edited.getByRole("button", { name: "Resolve" }).tap();
    await diff.getByTestId("review-comment").waitFor({ state: "detached", timeout: 15_000 });
    await desktop.getByRole("button", { name: "List all 1" }).click();
    const list = desktop.getByRole("list", { name: "All review comments" });
    await list.getByRole("button", { name: "Reopen" }).click();
    await diff.getByTestId("review-comment").filter({ hasText: "keep the order" }).waitFor({ timeout: 15_000 });
    await desktop.screenshot({ path: join(SHOTS, "desktop-comment-reopened.png") });
  });

  it("replies to an outdated comment and to an old-side one; a comment deleted elsewhere while edited here keeps the words", async () => {
    repo = await makeTempRepo();
    await createSession("replies");
    writeFileSync(join(session.cwd, "notes.txt"), "first\nsecond\n");
    writeFileSync(join(session.cwd, "README.md"), "# changed\n");
    const reviews = `/api/sessions/${session.id}/reviews`;
    await client.api(reviews, { body: { path: "notes.txt", side: "new", startLine: 2, endLine: 2, body: "Say third." } });
    await client.api(reviews, { body: { path: "README.md", side: "old", scope: "uncommitted", startLine: 1, endLine: 1, body: "The old title was better." } });
    // Its line is rewritten: the comment is outdated, still shown on its line.
    writeFileSync(join(session.cwd, "notes.txt"), "first\nrewritten\n");
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("radio", { name: "Uncommitted" }).click({ timeout: 20_000 });
    const changes = desktop.getByRole("list", { name: "Changed files" });
    await changes.getByRole("button", { name: /notes\.txt/ }).click({ timeout: 20_000 });
    const notes = desktop.getByRole("region", { name: "Diff of notes.txt" });
    const outdated = notes.getByTestId("review-comment").filter({ hasText: "Say third." });
    await outdated.getByText("outdated").waitFor({ timeout: 15_000 });
    await outdated.getByRole("button", { name: "Reply to the comment on notes.txt L2" }).click();
    await notes.getByRole("textbox", { name: "Reply to the comment on notes.txt L2" }).fill("It was rewritten anyway.");
    await notes.getByRole("button", { name: "Add reply" }).click();
    await outdated.getByRole("list", { name: "Replies to the comment on notes.txt L2" }).getByText("It was rewritten anyway.").waitFor({ timeout: 10_000 });

    await desktop.getByRole("tab", { name: "Changes" }).click();
    await changes.getByRole("button", { name: /README\.md/ }).click();
    const readme = desktop.getByRole("region", { name: "Diff of README.md" });
    const oldSide = readme.getByTestId("review-comment").filter({ hasText: "The old title was better." });
    await oldSide.getByRole("button", { name: "Reply to the comment on README.md L1" }).click({ timeout: 15_000 });
    await readme.getByRole("textbox", { name: "Reply to the comment on README.md L1" }).fill("Agreed, put it back.");
    await readme.getByRole("button", { name: "Add reply" }).click();
    await oldSide.getByRole("list", { name: "Replies to the comment on README.md L1" }).getByText("Agreed, put it back.").waitFor({ timeout: 10_000 });
    await desktop.getByRole("button", { name: "List all 2 comments and 2 replies" }).waitFor();
    type Row = { id: string; path: string; side: string; replyTo: string | null; isOutdated: boolean; body: string };
    const { comments } = await client.api<{ comments: Row[] }>(reviews);
    const byBody = (body: string) => comments.find((c) => c.body === body) as Row;
    expect(byBody("It was rewritten anyway.")).toMatchObject({ path: "notes.txt", side: "new", replyTo: byBody("Say third.").id, isOutdated: true });
    expect(byBody("Agreed, put it back.")).toMatchObject({ path: "README.md", side: "old", replyTo: byBody("The old title was better.").id });
    await desktop.screenshot({ path: join(SHOTS, "desktop-replies.png") });

    // Another device deletes the thread while this one edits its comment: the words are said to be orphaned, and kept.
    await desktop.getByRole("tab", { name: "Changes" }).click();
    await changes.getByRole("button", { name: /notes\.txt/ }).click();
    await outdated.getByRole("button", { name: "Edit comment on notes.txt L2" }).click({ timeout: 15_000 });
    await notes.getByRole("textbox", { name: "Edit comment on notes.txt L2" }).fill("Say third, and number from one.");
    await client.api(`/api/reviews/${byBody("Say third.").id}`, { method: "DELETE" });
    const note = desktop.getByRole("list", { name: "Deleted while you wrote" });
    await note.getByText("The comment on notes.txt L2 you were editing was deleted on another device.", { exact: false }).waitFor({ timeout: 15_000 });
    await note.getByText("Say third, and number from one.").waitFor();
    await desktop.screenshot({ path: join(SHOTS, "desktop-comment-deleted-while-editing.png") });
    await note.getByRole("button", { name: "Add as a new comment" }).click();
    await notes.getByTestId("review-comment").filter({ hasText: "Say third, and number from one." }).waitFor({ timeout: 15_000 });
    await note.waitFor({ state: "detached" });
  });

  it("a comment resolved on another device while this one edits it keeps its edit form and words on screen", async () => {
    repo = await makeTempRepo();
    await createSession("resolved-while-editing");
    writeFileSync(join(session.cwd, "notes.txt"), "first\nsecond\n");
    const { comment } = await client.api<{ comment: { id: string } }>(`/api/sessions/${session.id}/reviews`, { body: { path: "notes.txt", side: "new", startLine: 1, endLine: 1, body: "Capitalize." } });
    const desktop = await open({ width: 1440, height: 900 });
    await desktop.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /notes\.txt/ }).click({ timeout: 20_000 });
    const diff = desktop.getByRole("region", { name: "Diff of notes.txt" });
    await diff.getByRole("button", { name: "Edit comment on notes.txt L1" }).click({ timeout: 15_000 });
    const box = diff.getByRole("textbox", { name: "Edit comment on notes.txt L1" });
    await box.fill("Capitalize, and end with a full stop.");
    const draftKey = `chatml.review-comment-edit.${session.id}.${comment.id}`;
    await expect.poll(() => desktop.evaluate((key) => localStorage.getItem(key) !== null, draftKey)).toBe(true);
    await client.api(`/api/reviews/${comment.id}`, { method: "PATCH", body: { isResolved: true } });
    const card = diff.getByTestId("review-comment");
    await card.getByText("resolved", { exact: true }).waitFor({ timeout: 15_000 });
    expect(await box.inputValue()).toBe("Capitalize, and end with a full stop.");
    await diff.getByRole("button", { name: "Save" }).click();
    await expect.poll(async () => (await client.api<{ comments: { body: string }[] }>(`/api/sessions/${session.id}/reviews`)).comments[0]?.body).toBe("Capitalize, and end with a full stop.");
  });
});
