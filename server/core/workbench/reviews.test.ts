import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UpdateCommentInput } from "../../../shared/api/workbench.ts";
import { git } from "../../git/git.ts";
import { commitFile } from "../../git/test-support.ts";
import { makeWorkbenchKit, type WorkbenchKit } from "./workbench-test-kit.ts";

const FILE = ["import x from 'x';", "", "function add(a, b) {", "  return a - b;", "}", "", "export default add;", ""].join("\n");

describe("review comments on a real repository", () => {
  let k: WorkbenchKit;
  beforeEach(async () => {
    k = await makeWorkbenchKit();
    writeFileSync(join(k.repo, "math.js"), FILE);
  });
  afterEach(() => k.close());

  it("stay anchored to their lines as the file changes, and become outdated when the lines go", async () => {
    const comment = await k.reviews.create(k.session.id, { path: "math.js", side: "new", startLine: 3, endLine: 4, body: "This subtracts." });
    expect(comment).toMatchObject({ anchorText: "function add(a, b) {\n  return a - b;", commitSha: expect.stringMatching(/^[0-9a-f]{40}$/), isOutdated: false });
    writeFileSync(join(k.repo, "math.js"), `// header\n// more\n${FILE}`);
    expect(k.reviews.list(k.session.id)[0]).toMatchObject({ startLine: 5, endLine: 6, isOutdated: false });
    writeFileSync(join(k.repo, "math.js"), FILE.replace("a - b", "a + b"));
    expect(k.reviews.list(k.session.id)[0]).toMatchObject({ startLine: 5, endLine: 6, isOutdated: true });
    expect(k.t.repos.reviewComments.get(comment.id)).toMatchObject({ isOutdated: true });
  });

  it("sends open comments as one structured message to the task conversation, then marks them sent; resolves", async () => {
    const task = k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    k.t.repos.conversations.create({ sessionId: k.session.id, kind: "chat" });
    const a = await k.reviews.create(k.session.id, { path: "math.js", side: "new", startLine: 4, endLine: 4, body: "Should be a + b." });
    await k.reviews.create(k.session.id, { path: "README.md", side: "old", startLine: 1, endLine: 1, body: "Keep the title." });
    const result = await k.reviews.send(k.session.id, { commandId: "cmd_review_1" });
    expect(result).toMatchObject({ conversationId: task.id, sent: 2 });
    expect(k.sent).toHaveLength(1);
    expect(k.sent[0]?.text).toContain("`math.js` line 4:\n>   return a - b;\n\nShould be a + b.");
    expect(k.sent[0]?.text).toContain("`README.md` line 1 (in the old version, before the change)");
    expect(k.reviews.list(k.session.id).every((c) => c.sentAt !== null)).toBe(true);
    await expect(k.reviews.send(k.session.id, { commandId: "cmd_review_2" })).rejects.toMatchObject({ code: "bad_request" });
    expect(k.reviews.update(a.id, { isResolved: true })).toMatchObject({ isResolved: true });
    expect(k.published.filter((m) => m.kind === "workbench" && m.topic === "reviews").length).toBeGreaterThanOrEqual(3);
  });

  it("takes old-side comments in every scope, checked against that scope's old version (HEAD for uncommitted)", async () => {
    await commitFile(k.repo, "math.js", FILE);
    writeFileSync(join(k.repo, "math.js"), FILE.replace("a - b", "a + b"));
    const body = { path: "math.js", side: "old" as const, startLine: 4, endLine: 4, body: "Was this ever right?" };
    await expect(k.reviews.create(k.session.id, { ...body, scope: "base" })).rejects.toThrow(/does not exist in the base version/);
    const comment = await k.reviews.create(k.session.id, { ...body, scope: "uncommitted" });
    expect(comment).toMatchObject({ side: "old", anchorText: "  return a - b;" });
  });

  it("refuses lines that do not exist, files outside the worktree, and unknown ids", async () => {
    await expect(k.reviews.create(k.session.id, { path: "math.js", side: "new", startLine: 50, endLine: 51, body: "?" })).rejects.toMatchObject({ code: "bad_request" });
    await expect(k.reviews.create(k.session.id, { path: "../etc/passwd", side: "new", startLine: 1, endLine: 1, body: "?" })).rejects.toMatchObject({ code: "forbidden" });
    expect(() => k.reviews.update("rvc_missing1", { isResolved: true })).toThrow(expect.objectContaining({ code: "not_found" }));
  });

  it("are edited by any device: marked edited, unsent again, and an edit over text changed meanwhile is refused", async () => {
    k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    const comment = await k.reviews.create(k.session.id, { path: "math.js", side: "new", startLine: 4, endLine: 4, body: "Should be a + b." });
    expect(comment.editedAt).toBeNull();
    await k.reviews.send(k.session.id, { commandId: "cmd_review_edit" });
    const before = k.published.length;

    const edited = k.reviews.update(comment.id, { body: "Should be a + b, and tested.", previousBody: "Should be a + b." });
    expect(edited).toMatchObject({ body: "Should be a + b, and tested.", editedAt: expect.any(Number), sentAt: null, anchorText: "  return a - b;" });
    expect(k.published.slice(before)).toContainEqual(expect.objectContaining({ kind: "workbench", topic: "reviews" }));
    // Resolving is no edit: the mark and the text stay.
    expect(k.reviews.update(comment.id, { isResolved: true })).toMatchObject({ body: "Should be a + b, and tested.", editedAt: edited.editedAt });

    // A phone that opened the editor on the first text saves after the laptop's edit: refused, nothing overwritten.
    expect(() => k.reviews.update(comment.id, { body: "Phone's words.", previousBody: "Should be a + b." })).toThrow(expect.objectContaining({ code: "conflict" }));
    expect(k.t.repos.reviewComments.get(comment.id)?.body).toBe("Should be a + b, and tested.");
    expect(k.reviews.update(comment.id, { body: "Phone's words.", previousBody: "Should be a + b, and tested." }).body).toBe("Phone's words.");

    expect(UpdateCommentInput.safeParse({ body: "   " }).error?.issues[0]?.message).toBe("a comment needs text");
    expect(UpdateCommentInput.safeParse({ body: "x".repeat(20_001) }).error?.issues[0]?.message).toBe("a comment can be at most 20,000 characters");
  });

  it("are sent once when two devices send them at the same moment; a failed send leaves them unsent", async () => {
    k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    const a = await k.reviews.create(k.session.id, { path: "math.js", side: "new", startLine: 4, endLine: 4, body: "Should be a + b." });
    const [laptop, phone] = await Promise.allSettled([
      k.reviews.send(k.session.id, { commandId: "cmd_review_laptop", commentIds: [a.id] }),
      k.reviews.send(k.session.id, { commandId: "cmd_review_phone", commentIds: [a.id] }),
    ]);
    expect(laptop).toMatchObject({ status: "fulfilled", value: { sent: 1 } });
    expect(phone).toMatchObject({ status: "rejected", reason: { code: "conflict" } });
    expect(k.sent).toHaveLength(1);

    const b = await k.reviews.create(k.session.id, { path: "math.js", side: "new", startLine: 3, endLine: 3, body: "Name it sum." });
    await expect(k.reviews.send(k.session.id, { commandId: "cmd_review_closed", commentIds: [b.id], conversationId: "cnv_doesnotexist" as never })).rejects.toThrow();
    expect(k.t.repos.reviewComments.get(b.id)?.sentAt).toBeNull();
  });

  it("take old-side comments on a renamed file, read at its old path; refuse an old path outside the worktree", async () => {
    await commitFile(k.repo, "math.js", FILE);
    await git(k.repo, ["mv", "math.js", "sum.js"]);
    writeFileSync(join(k.repo, "sum.js"), FILE.replace("a - b", "a + b"));
    const body = { path: "sum.js", side: "old" as const, scope: "uncommitted" as const, startLine: 4, endLine: 4, body: "Was this ever right?" };
    await expect(k.reviews.create(k.session.id, body)).rejects.toThrow(/sum\.js does not exist in the last committed version/);
    expect(await k.reviews.create(k.session.id, { ...body, oldPath: "math.js" })).toMatchObject({ path: "sum.js", side: "old", anchorText: "  return a - b;" });
    await expect(k.reviews.create(k.session.id, { ...body, oldPath: "../outside.js" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("take replies into the thread of the comment they answer: sent with it, resolved with it, deleted with it", async () => {
    k.t.repos.conversations.create({ sessionId: k.session.id, kind: "task" });
    const root = await k.reviews.create(k.session.id, { path: "math.js", side: "new", startLine: 4, endLine: 4, body: "Should be a + b." });
    await k.reviews.send(k.session.id, { commandId: "cmd_review_root" });
    const reply = k.reviews.reply(root.id, { body: "And add a test for it." });
    const replyToReply = k.reviews.reply(reply.id, { body: "A property test, ideally." });
    expect(reply).toMatchObject({ replyTo: root.id, path: "math.js", startLine: 4, endLine: 4, anchorText: "  return a - b;", sentAt: null });
    expect(replyToReply.replyTo).toBe(root.id);
    expect(() => k.reviews.reply("rvc_missing1", { body: "?" })).toThrow(expect.objectContaining({ code: "not_found" }));

    await k.reviews.send(k.session.id, { commandId: "cmd_review_replies" });
    expect(k.sent.at(-1)?.text).toContain("1. `math.js` line 4:\n>   return a - b;\n\n(Earlier comment, sent before: Should be a + b.)\n\nReply: And add a test for it.\n\nReply: A property test, ideally.");

    k.reviews.update(reply.id, { isResolved: true });
    expect(k.t.repos.reviewComments.get(root.id)?.isResolved).toBe(true);
    k.reviews.remove(root.id);
    expect(k.reviews.list(k.session.id)).toEqual([]);
  });
});
