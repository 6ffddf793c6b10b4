import { afterEach, describe, expect, it } from "vitest";
import { newProcessTag, PROCESS_TAG_VAR, processStartTime, stopTagged, taggedProcesses } from "../../claude/process-guard.ts";
import { assistantMessage, openTempDb, permissionRequest, seedConversation, toolPart, type TempDb } from "../../persistence/test-support.ts";
import { recoverConversations } from "./restart-recovery.ts";

let t: TempDb;
const tags: string[] = [];
afterEach(() => {
  for (const tag of tags.splice(0)) stopTagged(tag);
  t?.cleanup();
});

/** A stand-in for a CLI an earlier server run launched and a crash left running: it and a tool, both tagged. */
function leftover(): { pid: number; tag: string } {
  const tag = newProcessTag();
  tags.push(tag);
  const cli = Bun.spawn(["/bin/sh", "-c", "setsid sleep 60 & exec sleep 61"], { env: { ...process.env, [PROCESS_TAG_VAR]: tag }, detached: true });
  return { pid: cli.pid, tag };
}

describe("restart recovery", () => {
  it("stops what every recorded CLI left running, says so in each conversation, and forgets the records", async () => {
    t = openTempDb();
    const first = seedConversation(t.repos).conversation;
    const second = t.repos.conversations.create({ sessionId: first.sessionId });
    const a = leftover();
    const b = leftover();
    for (const { tag } of [a, b]) for (const deadline = Date.now() + 15_000; Date.now() < deadline && taggedProcesses(tag).length < 2; ) await Bun.sleep(20);
    t.repos.cliProcesses.add({ pid: a.pid, conversationId: first.id, startTime: processStartTime(a.pid), tag: a.tag });
    t.repos.cliProcesses.add({ pid: b.pid, conversationId: second.id, startTime: processStartTime(b.pid), tag: b.tag });

    await recoverConversations({ repos: t.repos, now: Date.now });

    expect([...taggedProcesses(a.tag), ...taggedProcesses(b.tag)]).toEqual([]);
    expect(t.repos.cliProcesses.listAll()).toEqual([]);
    for (const conversation of [first, second]) {
      const notices = t.repos.events.listAfter(conversation.id, 0, 100).flatMap(({ event }) => (event.type === "notice" ? [event.text] : []));
      expect(notices).toContain("ChatML stopped 2 processes of this conversation left running from before the restart.");
    }
  });

  it("stops the sub-agents and background tasks a crash left running, once each, and leaves ended ones be", async () => {
    t = openTempDb();
    const { conversation } = seedConversation(t.repos);
    const task = (taskId: string, status: "running" | "completed", summary: string | null = null) =>
      ({ type: "task.updated", taskId, toolUseId: `toolu_${taskId}`, status, description: `task ${taskId}`, summary, lastToolName: null, isBackground: taskId === "bg" }) as const;
    t.repos.events.appendBatch(
      conversation.id,
      [{ type: "conversation.status.changed", status: "running", reason: null }, task("agent", "running"), task("bg", "running"), task("done", "running"), task("done", "completed", "finished"), task("agent", "running")],
      1,
    );

    await recoverConversations({ repos: t.repos, now: Date.now });
    await recoverConversations({ repos: t.repos, now: Date.now });

    const latest = new Map<string, unknown>();
    for (const { event } of t.repos.events.listAfter(conversation.id, 0, 100)) if (event.type === "task.updated") latest.set(event.taskId, [event.status, event.summary]);
    const stopped = ["stopped", "Stopped with its Claude Code process when ChatML restarted."];
    expect(Object.fromEntries(latest)).toEqual({ agent: stopped, bg: stopped, done: ["completed", "finished"] });
    const stops = t.repos.events.listAfter(conversation.id, 0, 100).filter(({ event }) => event.type === "task.updated" && event.status === "stopped");
    expect(stops).toHaveLength(2);
  });

  it("ends a tool call the crash cut short as interrupted, as a process that exits does, not as a tool that failed", async () => {
    t = openTempDb();
    const { conversation } = seedConversation(t.repos);
    const tool = toolPart("toolu_1");
    const message = assistantMessage([tool]);
    t.repos.events.appendBatch(
      conversation.id,
      [{ type: "conversation.status.changed", status: "waiting", reason: null }, { type: "message.created", message }, { type: "permission.requested", request: permissionRequest() }],
      1,
    );

    await recoverConversations({ repos: t.repos, now: () => 7 });

    const part = t.repos.messages.list(conversation.id).find((m) => m.id === message.id)?.parts[0];
    expect(part).toMatchObject({ kind: "tool", status: "failed", outcome: "interrupted", endedAt: 7, result: { text: expect.stringContaining("ChatML stopped before this tool returned"), isError: true } });
    expect(t.repos.pendingPermissions.list(conversation.id)).toEqual([]);
  });
});
