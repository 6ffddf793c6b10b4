import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempRepo } from "../../git/test-support.ts";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import type { ReviewComment } from "../../../shared/api/workbench.ts";
import { BuiltinMcpTools } from "./builtin-tools.ts";

const id = "cnv_test" as ConversationId;
const session = { id: "ses_test" as SessionId, setup: null } as unknown as Session;

function tools(mode: string, after: Session["setup"], cwd = "/nonexistent") {
  const runs: SessionId[] = [];
  const builtin = new BuiltinMcpTools({
    sessionOf: () => ({ ...session, cwd }),
    workspaceOf: () => null,
    reviews: { list: () => [], update: () => { throw new Error("unused"); } },
    notify: async () => undefined,
    rerunSetup: async (sessionId) => (runs.push(sessionId), { ...session, setup: after }),
    permissionModeOf: () => mode,
  });
  return { builtin, runs };
}

describe("ChatML's MCP tools", () => {
  it("refuses a tool it does not have, and input its schema refuses, before running anything", async () => {
    const { builtin, runs } = tools("default", null);
    await expect(builtin.call(id, "deploy", {})).rejects.toThrow("ChatML has no tool deploy.");
    await expect(builtin.call(id, "notify_user", { title: " " })).rejects.toThrow(/Invalid input: title/);
    expect(runs).toEqual([]);
  });
});

describe("run_script on ChatML's MCP server", () => {
  it("refuses in plan mode without running anything", async () => {
    const { builtin, runs } = tools("plan", null);
    await expect(builtin.call(id, "run_script", {})).rejects.toThrow(/do not run in plan mode/);
    expect(runs).toEqual([]);
  });

  it("answers a failed run's exit code and the tail of a long output", async () => {
    const log = `${"x".repeat(9_000)}\nnpm ERR! missing script`;
    const { builtin, runs } = tools("default", { status: "ready", steps: [{ name: "setup", status: "failed", detail: "exit code 1" }], log, error: "failed" });
    const answer = await builtin.call(id, "run_script", { script: "setup" });
    expect(runs).toEqual([session.id]);
    expect(answer).toMatch(/^The setup script failed \(exit code 1\)\./);
    expect(answer).toContain("npm ERR! missing script");
    expect(answer).toMatch(/characters cut/);
    await expect(builtin.call(id, "run_script", { script: "deploy" })).rejects.toThrow(/Invalid input/);
  });
});

describe("session_status on ChatML's MCP server", () => {
  it("in a folder inside another repository says it is no repository, instead of that repository's files (ADR 0065)", async () => {
    const repo = await makeTempRepo();
    try {
      const cwd = join(repo, "notes");
      mkdirSync(cwd);
      writeFileSync(join(repo, "elsewhere.txt"), "not this folder's\n");
      const { builtin } = tools("default", null, cwd);
      const answer = await builtin.call(id, "session_status", {});
      expect(answer).toMatch(/^This session's folder is not a git repository/);
      expect(answer).not.toContain("elsewhere.txt");
      expect(await tools("default", null, repo).builtin.call(id, "session_status", {})).toContain("elsewhere.txt");
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("review tools on ChatML's MCP server", () => {
  const comment: ReviewComment = {
    id: "rc_1",
    path: "src/a.ts",
    side: "new",
    startLine: 3,
    endLine: 3,
    body: "Name this better.",
    commitSha: null,
    anchorText: "const x = 1;",
    isOutdated: false,
    isResolved: false,
    sentAt: null,
    createdAt: 0,
    editedAt: null,
    replyTo: null,
  };

  it("wait for the workbench when a CLI asks before the server composed it (ADR 0189), then read and resolve its comments", async () => {
    let composeWorkbench = () => {};
    const composed = new Promise<void>((resolve) => (composeWorkbench = resolve));
    const resolvedIds: string[] = [];
    const builtin = new BuiltinMcpTools({
      sessionOf: () => ({ ...session, cwd: "/nonexistent" }),
      workspaceOf: () => null,
      reviews: {
        list: async () => (await composed, resolvedIds.includes(comment.id) ? [{ ...comment, isResolved: true }] : [comment]),
        update: async (commentId) => (await composed, resolvedIds.push(commentId), { ...comment, isResolved: true }),
      },
      notify: async () => undefined,
      rerunSetup: async () => session,
      permissionModeOf: () => "default",
    });
    const listed = builtin.call(id, "review_comments", {});
    const resolved = builtin.call(id, "resolve_review_comment", { id: "rc_1" });
    composeWorkbench();
    expect(await listed).toBe("1 review comment:\n- [rc_1] src/a.ts:3 (open)\n  Name this better.");
    expect(await resolved).toBe("Resolved comment rc_1 on src/a.ts.");
    expect(resolvedIds).toEqual(["rc_1"]);
    expect(await builtin.call(id, "review_comments", {})).toBe("There are no open review comments.");
  });
});
