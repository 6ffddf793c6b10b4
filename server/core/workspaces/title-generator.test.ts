import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationId } from "../../../shared/ids.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { textPart } from "../../persistence/test-support.ts";
import { makeWorkspaceKit, type WorkspaceKit } from "./workspace-test-kit.ts";

let kit: WorkspaceKit;
let folder: string;

beforeEach(() => {
  kit = makeWorkspaceKit();
  folder = mkdtempSync(join(tmpdir(), "chatml-titles-"));
});
afterEach(() => {
  kit.close();
  rmSync(folder, { recursive: true, force: true });
  rmSync(kit.dataDir, { recursive: true, force: true });
});

function firstPrompt(conversationId: ConversationId, text: string): void {
  const message = { id: `msg_${crypto.randomUUID().slice(0, 12)}` as never, role: "user" as const, parentToolUseId: null, model: null, createdAt: 1, parts: [textPart(text)] };
  kit.bus.publish({ kind: "event", conversationId, sequenced: { seq: 1, at: 1, event: { type: "message.created", message } } });
}

const titleOf = (id: ConversationId) => kit.workspaces.getConversation(id).title;

describe("conversation titles", () => {
  it("names each conversation from its own first prompt (not every one 'Task'), with the small model", async () => {
    const { session, conversation } = await kit.workspaces.startInFolder({ path: folder });
    firstPrompt(conversation.id, "Fix the flaky login test please");
    await expect.poll(() => titleOf(conversation.id)).toBe("Short title");
    const second = kit.workspaces.createConversation({ sessionId: session.id });
    expect(second.title).toBe("New conversation");
    firstPrompt(second.id, "Now write the changelog");
    await expect.poll(() => titleOf(second.id)).toBe("Short title");
    // An interactive conversation's first prompt arrives the same way, mirrored from the TUI's transcript.
    const interactive = kit.workspaces.createConversation({ sessionId: session.id, kind: "chat", title: "Interactive Claude" });
    firstPrompt(interactive.id, "Explain the build");
    await expect.poll(() => titleOf(interactive.id)).toBe("Short title");
    // So is a numbered one's (a session's second "+ Claude").
    const numbered = kit.workspaces.createConversation({ sessionId: session.id, kind: "chat", title: "Interactive Claude 2" });
    firstPrompt(numbered.id, "Explain the tests");
    await expect.poll(() => titleOf(numbered.id)).toBe("Short title");
    expect(kit.oneShotModels.every((model) => model === "haiku")).toBe(true);
    expect(kit.prompts.filter((p) => p.includes("[chatml:title]"))).toHaveLength(4);
  });

  it("never overwrites a title the user chose", async () => {
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    const named = kit.workspaces.createConversation({ sessionId: session.id, title: "Release checklist" });
    firstPrompt(named.id, "List what is left before the release");
    const renamed = kit.workspaces.createConversation({ sessionId: session.id });
    kit.workspaces.renameConversation(renamed.id, "My own name");
    firstPrompt(renamed.id, "Something else entirely");
    // The session itself had no title: it is named, which shows the prompts were seen.
    await kit.waitForSession(session.id, (s) => s.title === "Short title");
    expect(titleOf(named.id)).toBe("Release checklist");
    expect(titleOf(renamed.id)).toBe("My own name");
  });

  it("leaves the names as they were for a prompt with no words, rather than blank, until the model names it", async () => {
    const { session, conversation } = await kit.workspaces.startInFolder({ path: folder });
    kit.answerTitlesWith("");
    firstPrompt(conversation.id, "... @@slow");
    // The quick title is written before the model is asked: once it has been asked, a blank one would show.
    await expect.poll(() => kit.prompts.filter((p) => p.includes("[chatml:title]")).length).toBe(1);
    expect(titleOf(conversation.id)).toBe(conversation.title);
    expect(kit.t.repos.sessions.get(session.id)?.title).toBe(session.title);

    const second = kit.workspaces.createConversation({ sessionId: session.id });
    kit.answerTitlesWith("Slow answer check");
    firstPrompt(second.id, "?!");
    await expect.poll(() => titleOf(second.id)).toBe("Slow answer check");
  });
});

describe("with AI titles off (the aiTitles setting)", () => {
  it("names the session and conversation from the prompt's first words and starts no one-shot CLI", async () => {
    kit.t.repos.settings.set("aiTitles", false);
    const { session, conversation } = await kit.workspaces.startInFolder({ path: folder });
    firstPrompt(conversation.id, "Fix the flaky login test, it fails on CI");
    await kit.waitForSession(session.id, (s) => s.title === "Fix the flaky login test");
    expect(titleOf(conversation.id)).toBe("Fix the flaky login test");
    // A second conversation is named the same way: its quick title shows its prompt was handled.
    const second = kit.workspaces.createConversation({ sessionId: session.id });
    firstPrompt(second.id, "Now write the changelog");
    await expect.poll(() => titleOf(second.id)).toBe("Now write the changelog");
    expect(kit.prompts).toEqual([]);
  });

  it("applies to the next prompt once turned back on, without a restart", async () => {
    kit.t.repos.settings.set("aiTitles", false);
    const { session } = await kit.workspaces.startInFolder({ path: folder });
    kit.t.repos.settings.set("aiTitles", true);
    const next = kit.workspaces.createConversation({ sessionId: session.id });
    firstPrompt(next.id, "Now write the changelog");
    await expect.poll(() => titleOf(next.id)).toBe("Short title");
    expect(kit.prompts.filter((p) => p.includes("[chatml:title]"))).toHaveLength(1);
  });
});

describe("session titles", () => {
  it("keep the name the user typed when creating the session; only a session named from the pool is titled from its first prompt", async () => {
    const repo = await makeTempRepo();
    try {
      const workspace = await kit.workspaces.createWorkspace({ path: repo });
      const typed = await kit.sessions.create({ workspaceId: workspace.id, name: "fix-login", title: "Fix login" });
      const slug = await kit.sessions.create({ workspaceId: workspace.id, name: "release-notes" });
      const pooled = await kit.sessions.create({ workspaceId: workspace.id });
      await Promise.all([typed, slug, pooled].map((s) => kit.sessions.whenReady(s.session.id)));
      for (const { conversation } of [typed, slug, pooled]) firstPrompt(conversation.id, "Make the build faster");
      // The pool-named session and every conversation are named; that shows the prompts were all seen.
      await kit.waitForSession(pooled.session.id, (s) => s.title === "Short title");
      for (const { conversation } of [typed, slug, pooled]) await expect.poll(() => titleOf(conversation.id)).toBe("Short title");
      expect(kit.sessions.get(typed.session.id)).toMatchObject({ name: "fix-login", title: "Fix login" });
      expect(kit.sessions.get(slug.session.id)).toMatchObject({ name: "release-notes", title: "release-notes" });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
