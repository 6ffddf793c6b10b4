import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ConversationId } from "../../../shared/ids.ts";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "../../git/git.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { MAX_RECORDED_UNTRACKED_BYTES, worktreeTree } from "../../git/worktree-tree.ts";
import { openTempDb, seedConversation } from "../../persistence/test-support.ts";
import type { DurableEvent } from "../../../shared/protocol/events.ts";
import { EventBus } from "../event-bus.ts";
import { TurnSnapshots } from "../workbench/turn-snapshots.ts";
import { CheckpointService } from "./checkpoint-service.ts";
import { mayBeInRepository } from "./repo-folders.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "chatml-plain-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function serviceIn(cwd: string): { service: CheckpointService; conversationId: ConversationId } {
  const db = openTempDb();
  cleanups.push(() => db.cleanup());
  const { conversation } = seedConversation(db.repos, cwd);
  return { service: new CheckpointService({ repos: db.repos, bus: new EventBus(), now: () => 1_000 }), conversationId: conversation.id };
}

describe("a turn's file checkpoint (ADR 0015, ADR 0041)", () => {
  it("is skipped in a plain folder without asking git, and taken from the turn after a `git init` there", async () => {
    const cwd = folder();
    expect(mayBeInRepository(cwd, {})).toBe(false);
    const { service, conversationId } = serviceIn(cwd);
    expect(await service.captureTurn(conversationId, "msg_1", "first")).toBeNull();

    expect((await service.listing(conversationId)).isGitFolder).toBe(false);

    await git(cwd, ["init", "--quiet", "--initial-branch=main"]);
    writeFileSync(join(cwd, "notes.txt"), "kept\n");
    expect(mayBeInRepository(cwd, {})).toBe(true);
    expect((await service.listing(conversationId)).isGitFolder).toBe(true);
    const taken = await service.captureTurn(conversationId, "msg_2", "second");
    expect(taken).toMatchObject({ kind: "turn", messageId: "msg_2", label: "second" });
    expect(service.list(conversationId).checkpoints.map((checkpoint) => checkpoint.id)).toEqual([taken?.id]);
  });

  it("is skipped in a folder inside another repository, writing nothing into it, and taken once the folder is a repository of its own (ADR 0065)", async () => {
    const repo = await makeTempRepo();
    cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
    const cwd = join(repo, "src", "deep");
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, "a.txt"), "one\n");
    const { service, conversationId } = serviceIn(cwd);
    expect(await service.captureTurn(conversationId, "msg_1", "one")).toBeNull();
    expect(await git(repo, ["for-each-ref", "refs/chatml/"])).toBe("");

    await git(cwd, ["init", "--quiet", "--initial-branch=main"]);
    expect(await service.captureTurn(conversationId, "msg_2", "two")).toMatchObject({ kind: "turn", messageId: "msg_2" });
    expect(await git(repo, ["for-each-ref", "refs/chatml/"])).toBe("");
    expect(service.list(conversationId).checkpoints).toHaveLength(1);
  });

  it("asks git whenever the environment names a git dir, or a folder above holds a HEAD (a bare repository)", () => {
    const cwd = folder();
    expect(mayBeInRepository(cwd, { GIT_DIR: "/elsewhere/.git" })).toBe(true);
    const inner = join(cwd, "inner");
    mkdirSync(inner);
    writeFileSync(join(cwd, "HEAD"), "ref: refs/heads/main\n");
    expect(mayBeInRepository(inner, {})).toBe(true);
  });

  it("refuses a rewind while another conversation of the folder runs a turn, and leaves its files alone", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const db = openTempDb();
    cleanups.push(() => db.cleanup());
    const { session, conversation: rewinding } = seedConversation(db.repos, cwd);
    const working = db.repos.conversations.create({ sessionId: session.id });
    db.repos.conversations.update(working.id, { title: "Refactor", status: "waiting" });
    const service = new CheckpointService({ repos: db.repos, bus: new EventBus(), now: () => 1_000 });
    const before = await service.captureTurn(rewinding.id, "msg_1", "one");
    if (!before) throw new Error("no checkpoint");
    writeFileSync(join(cwd, "written-by-the-running-turn.txt"), "work\n");

    // Waiting for the user's answer, it is not said to be working: the user is told to answer it.
    await expect(service.rewind(rewinding.id, before.id)).rejects.toMatchObject({
      code: "conflict",
      message: '"Refactor", a conversation in the same folder, waits for your answer mid-turn: answer or stop it before rewinding files (the rewind would undo its work under it).',
    });
    db.repos.conversations.update(working.id, { status: "running" });
    await expect(service.rewind(rewinding.id, before.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^Claude is working in "Refactor", a conversation in the same folder: stop or finish its turn/) });
    expect(readFileSync(join(cwd, "written-by-the-running-turn.txt"), "utf8")).toBe("work\n");
    db.repos.conversations.update(working.id, { status: "ready" });
    expect((await service.rewind(rewinding.id, before.id)).files).toEqual([{ path: "written-by-the-running-turn.txt", change: "deleted" }]);
  });

  it("says in its preview which files it would delete were made after Claude's last turn ended (by hand), not those Claude wrote", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const db = openTempDb();
    cleanups.push(() => db.cleanup());
    db.repos.workspaces.create({ path: cwd, isGitRepo: true });
    const { session, conversation } = seedConversation(db.repos, cwd);
    const bus = new EventBus();
    // The workbench's turn snapshots, fed the turn's events as the runtime commits them.
    const turns = new TurnSnapshots({ repos: db.repos, bus, now: () => 1_000 });
    cleanups.push(turns.start());
    const commit = (event: DurableEvent) => {
      for (const sequenced of db.repos.events.appendBatch(conversation.id, [event], 1_000)) bus.publish({ kind: "event", conversationId: conversation.id, sequenced });
    };
    const service = new CheckpointService({ repos: db.repos, bus, now: () => 1_000, lastTurn: (id) => turns.get(id) });
    const before = await service.captureTurn(conversation.id, "msg_1", "Write a report");
    if (!before) throw new Error("no checkpoint");
    commit({ type: "conversation.status.changed", status: "running", reason: null });
    await turns.settled(session.id);
    writeFileSync(join(cwd, "report.md"), "by Claude\n");
    // While the turn runs nothing is sure: no file is called the user's.
    expect((await service.preview(conversation.id, before.id)).files).toEqual([{ path: "report.md", change: "deleted" }]);
    commit({ type: "turn.completed", isError: false, subtype: "success", resultText: null, errors: [], totalCostUsd: 0, usage: null, numTurns: 1, durationMs: 1, durationApiMs: 1, terminalReason: null, apiErrorStatus: null });
    // The workbench takes the turn's end tree as the turn ends, before any hand can write a file.
    await turns.settled(session.id);
    writeFileSync(join(cwd, "my-notes.md"), "by hand\n");
    expect((await service.preview(conversation.id, before.id)).files).toEqual([
      { path: "my-notes.md", change: "deleted", isMadeAfterClaude: true },
      { path: "report.md", change: "deleted" },
    ]);
  });

  it("says in its preview how HEAD moved since the checkpoint (commits made since, or elsewhere), which a rewind leaves alone", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    const before = await service.captureTurn(conversationId, "msg_1", "one");
    if (!before) throw new Error("no checkpoint");
    writeFileSync(join(cwd, "hello.txt"), "hello\n");
    expect((await service.preview(conversationId, before.id)).headMove).toBeNull();
    const commit = (message: string, ...extra: string[]) => git(cwd, ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", ...extra, "-m", message]);
    await git(cwd, ["add", "hello.txt"]);
    await commit("add hello");
    await commit("empty", "--allow-empty");
    expect((await service.preview(conversationId, before.id)).headMove).toEqual({ commits: 2 });
    // Back to the checkpoint's commit and amended: the commit HEAD is on no longer descends from it.
    await git(cwd, ["reset", "-q", "--hard", "HEAD~2"]);
    await commit("amended", "--amend", "--allow-empty");
    expect((await service.preview(conversationId, before.id)).headMove).toEqual({ commits: null });
    // The rewind changes files only: HEAD stays on the commit made since.
    const head = await git(cwd, ["rev-parse", "HEAD"]);
    await service.rewind(conversationId, before.id);
    expect(await git(cwd, ["rev-parse", "HEAD"])).toBe(head);
  });

  it("takes a turn's checkpoint asked for during a rewind after the rewind, of the files it restored", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    const before = await service.captureTurn(conversationId, "msg_1", "one");
    if (!before) throw new Error("no checkpoint");
    writeFileSync(join(cwd, "later.txt"), "later\n");

    const [rewound, next] = await Promise.all([service.rewind(conversationId, before.id), service.captureTurn(conversationId, "msg_2", "two")]);
    expect(rewound.files).toEqual([{ path: "later.txt", change: "deleted" }]);
    if (!next) throw new Error("no checkpoint");
    expect((await service.preview(conversationId, next.id)).files).toEqual([]);
  });

  it("shares its work tree with the workbench's record of the turn's start (ADR 0114), unless it holds a large untracked file the workbench leaves out", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    writeFileSync(join(cwd, "notes.txt"), "edited\n");
    writeFileSync(join(cwd, "new.txt"), "new\n");
    const taken = await service.captureTurn(conversationId, "msg_1", "one");
    expect(taken?.workTree).toBe(await worktreeTree(cwd));

    writeFileSync(join(cwd, "build.bin"), Buffer.alloc(MAX_RECORDED_UNTRACKED_BYTES + 1));
    const withLargeFile = await service.captureTurn(conversationId, "msg_2", "two");
    expect(withLargeFile?.workTree).toBeNull();
    // The checkpoint itself still holds the large file: a rewind restores or removes it as before.
    rmSync(join(cwd, "build.bin"));
    if (!withLargeFile) throw new Error("no checkpoint");
    expect((await service.preview(conversationId, withLargeFile.id)).files).toEqual([{ path: "build.bin", change: "recreated" }]);
  });

  it("pins a tree once: a turn that changed no file adds no ref, and every checkpoint's tree outlives a gc", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    writeFileSync(join(cwd, "draft.txt"), "draft\n");
    const first = await service.captureTurn(conversationId, "msg_1", "one");
    const second = await service.captureTurn(conversationId, "msg_2", "two");
    if (!first || !second) throw new Error("no checkpoint");
    const refs = async () => (await git(cwd, ["for-each-ref", "--format=%(refname)", `refs/chatml/checkpoints/${conversationId}/`])).split("\n").filter(Boolean);
    expect(await refs()).toEqual([`refs/chatml/checkpoints/${conversationId}/${first.id}`]);

    writeFileSync(join(cwd, "draft.txt"), "rewritten\n");
    await service.captureTurn(conversationId, "msg_3", "three");
    expect(await refs()).toHaveLength(2);
    await git(cwd, ["gc", "--quiet", "--prune=now"]);
    expect((await service.rewind(conversationId, second.id)).files).toEqual([{ path: "draft.txt", change: "restored" }]);
    expect(readFileSync(join(cwd, "draft.txt"), "utf8")).toBe("draft\n");
  });

  it("is taken beside a folder that was only `git init`-ed (git cannot record a repository with no commit)", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    mkdirSync(join(cwd, "inner"));
    await git(join(cwd, "inner"), ["init", "--quiet"]);
    writeFileSync(join(cwd, "notes.txt"), "kept\n");
    const taken = await service.captureTurn(conversationId, "msg_1", "one");
    expect(taken?.workTree).toBe(await worktreeTree(cwd));
  });
});

describe("what Claude is told after a rewind (ADR 0123)", () => {
  it("owes Claude a note naming the files a rewind changed back, until a message carries it; an undo first owes nothing", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    const before = await service.captureTurn(conversationId, "msg_1", "Write the draft");
    writeFileSync(join(cwd, "draft.txt"), "by Claude\n");
    if (!before) throw new Error("no checkpoint");

    const { undo } = await service.rewind(conversationId, before.id);
    const note = service.pendingNote(conversationId);
    expect(note).toBe('[A note from ChatML, not typed by the user: since your last turn the user rewound this folder\'s files to how they were before the message "Write the draft". Files changed: draft.txt (deleted). Read a file again before you edit it.]');
    await service.rewind(conversationId, undo.id);
    expect(service.pendingNote(conversationId)).toBeNull();

    await service.rewind(conversationId, before.id);
    const owed = service.pendingNote(conversationId) ?? "";
    service.noteDelivered(conversationId, "an older note");
    expect(service.pendingNote(conversationId)).toBe(owed);
    service.noteDelivered(conversationId, owed);
    expect(service.pendingNote(conversationId)).toBeNull();
    // Told of the rewind, Claude is owed its undo too.
    await service.rewind(conversationId, service.list(conversationId).checkpoints.filter((c) => c.kind === "before-rewind").at(-1)?.id ?? "");
    expect(service.pendingNote(conversationId)).toMatch(/the user undid a rewind of this folder's files: they are back as they were before that rewind\. Files changed: draft\.txt \(recreated\)\./);
  });

  it("tells of two rewinds made before a message, and of the first still when the second is undone", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    const first = await service.captureTurn(conversationId, "msg_1", "Write a");
    writeFileSync(join(cwd, "a.txt"), "a\n");
    const second = await service.captureTurn(conversationId, "msg_2", "Write b");
    writeFileSync(join(cwd, "b.txt"), "b\n");
    if (!first || !second) throw new Error("no checkpoint");
    const line = (label: string, file: string) => `[A note from ChatML, not typed by the user: since your last turn the user rewound this folder's files to how they were before the message "${label}". Files changed: ${file} (deleted). Read a file again before you edit it.]`;

    await service.rewind(conversationId, second.id);
    const { undo } = await service.rewind(conversationId, first.id);
    expect(service.pendingNote(conversationId)).toBe(`${line("Write b", "b.txt")}\n${line("Write a", "a.txt")}`);
    // a.txt is back, b.txt is still gone: Claude is owed the first rewind.
    await service.rewind(conversationId, undo.id);
    expect(readFileSync(join(cwd, "a.txt"), "utf8")).toBe("a\n");
    expect(service.pendingNote(conversationId)).toBe(line("Write b", "b.txt"));
  });

  it("owes nothing for a rewind that changed no file", async () => {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const { service, conversationId } = serviceIn(cwd);
    const before = await service.captureTurn(conversationId, "msg_1", "Look around");
    if (!before) throw new Error("no checkpoint");
    await service.rewind(conversationId, before.id);
    expect(service.pendingNote(conversationId)).toBeNull();
  });
});

describe("what Claude is told after a rewind in another conversation of its folder (ADR 0128)", () => {
  const elsewhere = "[A note from ChatML, not typed by the user: since your last turn the user rewound this folder's files in another conversation. Files changed: draft.txt (deleted). Read a file again before you edit it.]";

  async function folderWithTwoConversations() {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const db = openTempDb();
    cleanups.push(() => db.cleanup());
    const { session, conversation: rewinding } = seedConversation(db.repos, cwd);
    const other = db.repos.conversations.create({ sessionId: session.id });
    const neverTalked = db.repos.conversations.create({ sessionId: session.id });
    const bus = new EventBus();
    const notices: string[] = [];
    bus.subscribe((event) => {
      if (event.kind === "event" && event.sequenced.event.type === "notice") notices.push(event.sequenced.event.text);
    });
    const service = new CheckpointService({ repos: db.repos, bus, now: () => 1_000 });
    await service.captureTurn(other.id, "msg_o", "Look at the files");
    const before = await service.captureTurn(rewinding.id, "msg_1", "Write the draft");
    if (!before) throw new Error("no checkpoint");
    writeFileSync(join(cwd, "draft.txt"), "by Claude\n");
    return { db, service, notices, before, rewinding: rewinding.id, other: other.id, neverTalked: neverTalked.id };
  }

  it("owes each other conversation that had a turn its own note, kept across a restart and sent once; an undo first owes nothing", async () => {
    const { db, service, notices, before, rewinding, other, neverTalked } = await folderWithTwoConversations();
    const { undo } = await service.rewind(rewinding, before.id);
    expect(service.pendingNote(other)).toBe(elsewhere);
    expect(service.pendingNote(neverTalked)).toBeNull();
    expect(notices.at(-1)).toMatch(/Claude will be told with your next message\. Claude in the other conversation of this folder will be told with its next message\.$/);
    await service.rewind(rewinding, undo.id);
    expect(service.pendingNote(other)).toBeNull();
    expect(service.pendingNote(rewinding)).toBeNull();

    await service.rewind(rewinding, before.id);
    const reopened = db.reopen();
    cleanups.push(() => reopened.db.close());
    const restarted = new CheckpointService({ repos: reopened.repos, bus: new EventBus(), now: () => 2_000 });
    expect(restarted.pendingNote(other)).toBe(elsewhere);
    restarted.noteDelivered(other, elsewhere);
    expect(restarted.pendingNote(other)).toBeNull();
    // Told of the rewind, the other conversation's Claude is owed its undo.
    const undoPoint = restarted.list(rewinding).checkpoints.filter((c) => c.kind === "before-rewind").at(-1);
    await restarted.rewind(rewinding, undoPoint?.id ?? "");
    expect(restarted.pendingNote(other)).toBe("[A note from ChatML, not typed by the user: since your last turn the user undid a rewind of this folder's files in another conversation: they are back as they were before that rewind. Files changed: draft.txt (recreated). Read a file again before you edit it.]");
  });

  it("keeps another conversation's note beside the conversation's own rewind and its undo, and what a rewind added while a message carried it", async () => {
    const { db, service, before, rewinding, other } = await folderWithTwoConversations();
    await service.rewind(rewinding, before.id);
    const [ownTurn] = service.list(other).checkpoints;
    writeFileSync(join(db.repos.sessions.list()[0]?.cwd ?? "", "by-hand.txt"), "mine\n");
    const { undo } = await service.rewind(other, ownTurn?.id ?? "");
    expect(service.pendingNote(other)).toMatch(/^\[A note from ChatML.*in another conversation.*\]\n\[A note from ChatML.*before the message "Look at the files". Files changed: by-hand\.txt \(deleted\)/s);
    await service.rewind(other, undo.id);
    expect(service.pendingNote(other)).toBe(elsewhere);

    const carried = service.pendingNote(other) ?? "";
    await service.rewind(rewinding, before.id);
    service.noteDelivered(other, carried);
    expect(service.pendingNote(other)).toBe(elsewhere.replace("draft.txt", "by-hand.txt"));
  });

  it("says an undo put the files back as they were before the rewind (not \"rewound to before \"Before rewinding to …\"\")", async () => {
    const { service, notices, before, rewinding } = await folderWithTwoConversations();
    const { undo } = await service.rewind(rewinding, before.id);
    await service.rewind(rewinding, undo.id);
    expect(notices.at(-1)).toBe('Files put back as they were before rewinding to "Write the draft" (1 file changed). The previous state is saved: to undo, rewind to “Before undoing the rewind to "Write the draft"” in Session controls.');
  });

  it("names each undo and redo by the rewind it is about, and tells Claude what a redo did", async () => {
    const { service, notices, before, rewinding } = await folderWithTwoConversations();
    const { undo } = await service.rewind(rewinding, before.id);
    const { undo: beforeUndoing } = await service.rewind(rewinding, undo.id);
    expect(beforeUndoing.label).toBe('Before undoing the rewind to "Write the draft"');
    service.noteDelivered(rewinding, service.pendingNote(rewinding) ?? "");

    // Rewinding to the point the undo saved redoes the rewind.
    const { undo: beforeRedoing } = await service.rewind(rewinding, beforeUndoing.id);
    expect(beforeRedoing.label).toBe('Before redoing the rewind to "Write the draft"');
    expect(notices.at(-1)).toMatch(/^Files put back as they were before undoing the rewind to "Write the draft" \(1 file changed\)\. The previous state is saved: to undo, rewind to “Before redoing the rewind to "Write the draft"” in Session controls\./);
    expect(service.pendingNote(rewinding)).toContain('rewound this folder\'s files to how they were before the message "Write the draft"');

    // …and the redo can be undone in turn, named as the same rewind's undo.
    const { undo: again } = await service.rewind(rewinding, beforeRedoing.id);
    expect(again.label).toBe('Before undoing the rewind to "Write the draft"');
  });
});

describe("the undo offer after a rewind (ADR 0138)", () => {
  async function folderWithTwoConversations() {
    const cwd = await makeTempRepo();
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const db = openTempDb();
    cleanups.push(() => db.cleanup());
    const { session, conversation } = seedConversation(db.repos, cwd);
    const other = db.repos.conversations.create({ sessionId: session.id });
    let clock = 1_000;
    const service = new CheckpointService({ repos: db.repos, bus: new EventBus(), now: () => clock++ });
    const before = await service.captureTurn(conversation.id, "msg_1", "Write the draft");
    if (!before) throw new Error("no checkpoint");
    writeFileSync(join(cwd, "draft.txt"), "by Claude\n");
    return { db, service, before, rewinding: conversation.id, other: other.id };
  }

  it("is kept by the server, so a reload or another device reads it, until it is undone", async () => {
    const { db, service, before, rewinding, other } = await folderWithTwoConversations();
    expect(service.list(rewinding).undo).toBeNull();
    const { undo } = await service.rewind(rewinding, before.id);
    const reopened = db.reopen();
    cleanups.push(() => reopened.db.close());
    const restarted = new CheckpointService({ repos: reopened.repos, bus: new EventBus(), now: () => 5_000 });
    expect(restarted.list(rewinding).undo).toEqual(undo);
    expect(restarted.list(other).undo).toBeNull();
    await restarted.rewind(rewinding, undo.id);
    expect(restarted.list(rewinding).undo).toBeNull();
  });

  it("is offered again after a redo (the redo can be undone), and not after an undo", async () => {
    const { service, before, rewinding } = await folderWithTwoConversations();
    const { undo } = await service.rewind(rewinding, before.id);
    const { undo: beforeUndoing } = await service.rewind(rewinding, undo.id);
    expect(service.list(rewinding).undo).toBeNull();
    const { undo: beforeRedoing } = await service.rewind(rewinding, beforeUndoing.id);
    expect(service.list(rewinding).undo?.id).toBe(beforeRedoing.id);
    await service.rewind(rewinding, beforeRedoing.id);
    expect(service.list(rewinding).undo).toBeNull();
  });

  it("ends with the next message in the conversation, or in another conversation of the folder", async () => {
    const { service, before, rewinding, other } = await folderWithTwoConversations();
    await service.rewind(rewinding, before.id);
    await service.captureTurn(rewinding, "msg_2", "Write it again");
    expect(service.list(rewinding).undo).toBeNull();

    const { undo } = await service.rewind(rewinding, before.id);
    expect(service.list(rewinding).undo?.id).toBe(undo.id);
    await service.captureTurn(other, "msg_o", "Look at the files");
    expect(service.list(rewinding).undo).toBeNull();
  });
});
