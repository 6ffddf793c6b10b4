import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Session } from "../../../shared/protocol/model.ts";
import { git } from "../../git/git.ts";
import { commitFile, makeTempRepo } from "../../git/test-support.ts";
import { assistantMessage, openTempDb, seedConversation, textPart, type TempDb } from "../../persistence/test-support.ts";
import { EventBus } from "../event-bus.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";
import { composeWorkspaces, type WorkspaceParts } from "./compose-workspaces.ts";

/** An archived session's summary is written, or says why not; a stop leaves it for the next start (never "being written" for good). */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function compose(t: TempDb, oneShot: OneShot): WorkspaceParts {
  const dataDir = mkdtempSync(join(tmpdir(), "chatml-data-"));
  const parts = composeWorkspaces({
    repos: t.repos,
    bus: new EventBus(),
    now: Date.now,
    dataDir,
    conversations: { sendMessage: async () => ({ messageId: "msg_x" }), stop: async () => ({ ok: true }) },
    oneShot,
  });
  cleanups.push(() => {
    parts.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return parts;
}

function tempDb(): TempDb {
  const t = openTempDb();
  cleanups.push(() => t.cleanup());
  return t;
}

const summaryOf = (t: TempDb, session: Session) => t.repos.sessions.get(session.id)?.summary;

describe("archived session summaries", () => {
  it("says why there is no summary when the one-shot call fails, instead of 'being written' for good", async () => {
    const t = tempDb();
    const { session } = seedConversation(t.repos);
    const parts = compose(t, async () => {
      throw new Error("The Claude Code CLI was not found.");
    });
    await parts.lifecycle.archive(session.id);
    await expect.poll(() => summaryOf(t, session)).toBe("No summary could be written: The Claude Code CLI was not found.");
  });

  it("leaves a summary cut off by a stop unwritten, and the next start writes it", async () => {
    const t = tempDb();
    const { session } = seedConversation(t.repos);
    let answer: (text: string) => void = () => undefined;
    let calls = 0;
    const first = compose(t, () => {
      calls += 1;
      return new Promise<string>((resolve) => (answer = resolve));
    });
    await first.lifecycle.archive(session.id);
    await expect.poll(() => calls).toBe(1);
    first.stop();
    answer("Too late: the server stopped.");
    await Bun.sleep(20);
    expect(summaryOf(t, session)).toBeNull();

    const next = compose(t, async () => "It fixed the login bug.");
    await next.start();
    await expect.poll(() => summaryOf(t, session)).toBe("It fixed the login bug.");
  });

  it("replaces an earlier archive's summary when archived again, and writes one for an empty answer", async () => {
    const t = tempDb();
    const { session } = seedConversation(t.repos);
    const answers = ["First archive.", ""];
    const parts = compose(t, async () => answers.shift() ?? "unexpected");
    await parts.lifecycle.archive(session.id);
    await expect.poll(() => summaryOf(t, session)).toBe("First archive.");
    await parts.lifecycle.unarchive(session.id);
    expect((await parts.lifecycle.archive(session.id)).summary).toBeNull();
    await expect.poll(() => summaryOf(t, session)).toBe("No summary: the model answered with nothing.");
  });

  it("writes a summary again on request (after a failure), and refuses while one is being written or before an archive", async () => {
    const t = tempDb();
    const { session } = seedConversation(t.repos);
    let release: () => void = () => undefined;
    const answers: (() => Promise<string>)[] = [
      () => Promise.reject(new Error("The API is overloaded.")),
      () => new Promise<string>((resolve) => (release = () => resolve("It added the settings page."))),
    ];
    const parts = compose(t, () => answers.shift()?.() ?? Promise.resolve("unexpected"));
    expect(() => parts.lifecycle.summarizeAgain(session.id)).toThrow(/archive the session first/);
    await parts.lifecycle.archive(session.id);
    await expect.poll(() => summaryOf(t, session)).toBe("No summary could be written: The API is overloaded.");

    expect(parts.lifecycle.summarizeAgain(session.id).summary).toBeNull();
    expect(summaryOf(t, session)).toBeNull();
    expect(() => parts.lifecycle.summarizeAgain(session.id)).toThrow(/being written already/);
    await expect.poll(() => answers.length).toBe(0);
    release();
    await expect.poll(() => summaryOf(t, session)).toBe("It added the settings page.");
  });
});

describe("archived session summaries with AI summaries off", () => {
  it("are put together from the conversations, the last answer and the changes, with no model asked, and say so", async () => {
    const t = tempDb();
    const repo = await makeTempRepo();
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    await git(repo, ["checkout", "--quiet", "-b", "fix-login"]);
    await commitFile(repo, "login.ts", "export const login = () => true;\n");
    const { session, conversation } = seedConversation(t.repos, repo);
    t.repos.sessions.update(session.id, { kind: "worktree", branch: "fix-login", baseBranch: "main" });
    const second = t.repos.conversations.create({ sessionId: session.id });
    t.repos.events.appendBatch(conversation.id, [{ type: "message.created", message: { ...assistantMessage([textPart("Login now\n  checks   the token.")]), createdAt: 2_000 } }], 1);
    t.repos.events.appendBatch(second.id, [{ type: "message.created", message: { ...assistantMessage([textPart("The tests cover the parser.")]), createdAt: 1_000 } }], 1);
    t.repos.conversations.update(conversation.id, { title: "Fix the login" });
    t.repos.conversations.update(second.id, { title: "Explain the tests" });
    // Lists go by last update (the test clock stands still: set here), and the newest answer is in the conversation
    // listed second: it is the one quoted.
    t.db.run("UPDATE conversations SET updated_at = 5000 WHERE id = $id", { id: second.id });
    t.repos.settings.set("aiSummaries", false);
    const prompts: string[] = [];
    const parts = compose(t, async (prompt) => {
      prompts.push(prompt);
      return "A model's summary.";
    });
    await parts.lifecycle.archive(session.id);
    await expect.poll(() => summaryOf(t, session)).toMatch(/^From what is stored/);
    expect(summaryOf(t, session)).toBe(
      "From what is stored (AI summaries are off): 2 conversations: “Explain the tests”, “Fix the login”. The last answer: “Login now checks the token.” Branch fix-login against main: 1 file changed, 1 insertion(+).",
    );
    expect(prompts).toEqual([]);
    // Written again with the setting on: the model writes it.
    t.repos.settings.set("aiSummaries", true);
    parts.lifecycle.summarizeAgain(session.id);
    await expect.poll(() => summaryOf(t, session)).toBe("A model's summary.");
    expect(prompts[0]).toContain('Conversation "Fix the login":\nassistant: Login now\n  checks   the token.');
  });

  it("counts every conversation but names the five most recently active", async () => {
    const t = tempDb();
    const { session } = seedConversation(t.repos);
    for (let i = 0; i < 5; i++) t.repos.conversations.create({ sessionId: session.id });
    t.repos.settings.set("aiSummaries", false);
    const parts = compose(t, async () => "A model's summary.");
    await parts.lifecycle.archive(session.id);
    await expect.poll(() => summaryOf(t, session)).toMatch(/^From what is stored/);
    expect(summaryOf(t, session)).toMatch(/^From what is stored \(AI summaries are off\): 6 conversations \(the latest 5\): (“[^”]+”, ){4}“[^”]+”\.$/);
  });
});
