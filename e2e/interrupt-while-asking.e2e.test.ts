import { describe, expect, it } from "vitest";
import type { DurableEvent } from "../shared/protocol/events.ts";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, REPO_ROOT, tempDir } from "./harness/index.ts";
import { ChatPage } from "./support/chat-page.ts";
import { SCREEN_SIZES, SignedInDevices } from "./support/signed-in-page.ts";
import { conversationStack } from "./support/conversation-stack.ts";
import { descendants } from "./support/process-tree.ts";
import { claudeDirOf, findTranscript } from "../server/claude/transcript/transcript-entries.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/**
 * "Interrupt & send" (or the CLI killed) while Claude waits on a permission or a question (the composer interrupts, then sends): on the
 * newest pinned CLI the card is withdrawn and cannot be answered, the interrupted turn ends before the new message in
 * the timeline, and the conversation works (not "ready") until the new message is answered.
 */
describe("interrupt & send while Claude asks, on the real CLI 2.1.332", () => {
  const stack = conversationStack("chatml-interrupt-ask", "2.1.332");

  /** Types of the events after the card was withdrawn, the status as its value ("status:running"). */
  const after = (events: DurableEvent[], requestId: string) => {
    const from = events.findIndex((event) => event.type === "permission.resolved" && event.requestId === requestId);
    return events.slice(from + 1).flatMap((event) => {
      if (event.type === "conversation.status.changed") return [`status:${event.status}`];
      if (event.type === "message.created") return [`${event.message.role}-message`];
      return event.type === "turn.completed" ? [event.isError ? "turn-failed" : "turn-done"] : [];
    });
  };

  it.each([
    ["a permission", "Write a file @@write"],
    ["a question", "Ask me something @@ask"],
  ])("withdraws %s, ends its turn first and keeps the new message's turn working", async (_, prompt) => {
    const id = await stack.open();
    await stack.client.send(id, prompt);
    const { request } = await stack.client.waitForEvent(id, "permission.requested");
    await stack.client.interrupt(id);
    await stack.client.send(id, "And now? @@text");
    const steps = () => after(stack.client.list(id), request.id);
    await stack.client.waitUntil(() => steps().filter((step) => step.startsWith("turn-")).length === 2 && steps().findLast((step) => step.startsWith("status:")) === "status:ready", 60_000, "the new message's turn to end");

    const events = stack.client.list(id);
    expect(events).toContainEqual({ type: "permission.resolved", requestId: request.id, outcome: "cancelled", message: "You stopped Claude." });
    expect(steps()).toEqual(["status:running", "turn-failed", "status:ready", "user-message", "status:running", "assistant-message", "turn-done", "status:ready"]);
    await expect(stack.client.answer(id, request.id, { decision: "allow" })).rejects.toThrow(/permission_not_pending/);
    expect(stack.client.assistantText(id)).toContain("Hello! This is the fake API");
  });

  it("says on a phone and a desktop that showed the card that you stopped Claude (it said the CLI withdrew the request)", async () => {
    const browser = await launchBrowser();
    const devices = new SignedInDevices(browser, stack.server);
    try {
      const id = await stack.open();
      const pages = await Promise.all(SCREEN_SIZES.map(([size]) => devices.open(size, `#/c/${id}`)));
      await stack.client.send(id, "Write a file @@write");
      for (const page of pages) await new ChatPage(page).card().waitFor({ timeout: 60_000 });
      await stack.client.interrupt(id);
      for (const [index, page] of pages.entries()) {
        const note = page.getByTestId("decided-elsewhere");
        await note.waitFor({ timeout: 30_000 });
        expect(await note.innerText()).toMatch(/^No longer waiting: you stopped Claude\.\s*·\s*Write: /);
        expect(await page.getByText(/withdrew the request/).count()).toBe(0);
        await page.screenshot({ path: join(SHOTS, `interrupt-${SCREEN_SIZES[index]?.[0]}-withdrawn-by-you.png`) });
      }
    } finally {
      await devices.close();
      await browser.close();
    }
  });

  it("withdraws a permission whose CLI was killed, says exited (not running), runs nothing it asked for, and the next message resumes", async () => {
    const folder = tempDir("chatml-interrupt-ask-kill");
    const id = (await stack.client.startInFolder(folder)).id;
    await stack.client.connect([id]);
    await stack.client.send(id, "Write a file @@write");
    const { request } = await stack.client.waitForEvent(id, "permission.requested");
    // The server's children are the CLIs' guards (ADR 0008); this conversation's CLI is the guard's child in its folder.
    const guards = descendants(stack.server.proc.pid).filter((row) => row.ppid === stack.server.proc.pid).map((row) => row.pid);
    // With AI titles on (the harness turns them off, ADR 0203) the title's one-shot CLI (`-p`, no session kept) may run in
    // the same folder: it is not the one to kill.
    const isConversationCli = (pid: number) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`) === folder && !readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes("--no-session-persistence");
      } catch {
        return false; // gone since the listing (a one-shot that finished)
      }
    };
    const cli = descendants(stack.server.proc.pid).find((row) => guards.includes(row.ppid) && isConversationCli(row.pid));
    expect(cli).toBeDefined();
    // Killed before it had saved its session (Claude Code writes its transcript behind the stream), a CLI cannot be
    // resumed, and ChatML restores the conversation into a new session instead (lost-session.ts, tested on its own):
    // this test is about a saved one, so it kills once the transcript holds the call it asked about.
    const cliEnvironment = Object.fromEntries(readFileSync(`/proc/${cli?.pid}/environ`, "utf8").split("\0").map((entry) => entry.split(/=(.*)/s).slice(0, 2)));
    const cliSessionId = stack.client.list(id).findLast((event) => event.type === "cli.session.updated")?.cliSessionId ?? "";
    const savedCall = () => {
      const transcript = findTranscript(claudeDirOf(cliEnvironment, folder), folder, cliSessionId);
      return transcript !== null && readFileSync(transcript, "utf8").includes(request.toolUseId ?? "");
    };
    await expect.poll(savedCall, { timeout: 15_000 }).toBe(true);
    process.kill(cli?.pid as number, "SIGKILL");

    await stack.client.waitForEvent(id, "conversation.status.changed", (event) => event.status === "exited", 20_000);
    const events = stack.client.list(id);
    // Waiting on the user, then exited: never "running" for the dead process on the way.
    expect(after(events, request.id)).toEqual(["status:exited"]);
    expect(events).toContainEqual({ type: "permission.resolved", requestId: request.id, outcome: "cancelled", message: "The CLI process ended." });
    await expect(stack.client.answer(id, request.id, { decision: "allow" })).rejects.toThrow(/permission_not_pending/);
    expect(existsSync(join(folder, "hello.txt"))).toBe(false);
    const call = events.findLast((event) => event.type === "message.part.updated" && event.part.kind === "tool" && event.part.toolUseId === request.toolUseId);
    expect(call).toMatchObject({ part: { status: "failed", result: { text: "The CLI process ended before the tool returned a result." } } });
    await stack.client.send(id, "And now? @@text");
    await stack.client.waitForEvent(id, "turn.completed", (event) => !event.isError, 60_000);
    const sessions = stack.client.list(id).flatMap((event) => (event.type === "cli.session.updated" ? [event.cliSessionId] : []));
    expect(new Set(sessions).size).toBe(1);
    expect(stack.client.assistantText(id)).toContain("Hello! This is the fake API");
  });
});
