import { describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import type { DurableEvent } from "../../shared/protocol/events.ts";
import { projectEvent } from "./projection.ts";
import { assistantMessage, notice, permissionRequest, textPart } from "./test-support.ts";

const cliSession = (over: Partial<Extract<DurableEvent, { type: "cli.session.updated" }>>): DurableEvent => ({
  type: "cli.session.updated",
  cliSessionId: "cli-1",
  cliVersion: "2.1.0",
  model: null,
  permissionMode: null,
  cwd: null,
  tools: [],
  slashCommands: [],
  transport: null,
  ...over,
});

describe("projectEvent", () => {
  it("maps message and permission events to read-model ops", () => {
    const message = assistantMessage([textPart("hi")]);
    const part = textPart("more");
    const request = permissionRequest();
    expect(projectEvent({ type: "message.created", message })).toEqual([{ op: "message.upsert", message }]);
    expect(projectEvent({ type: "message.part.updated", messageId: message.id, part })).toEqual([
      { op: "part.upsert", messageId: message.id, part },
    ]);
    expect(projectEvent({ type: "permission.requested", request })).toEqual([{ op: "permission.open", request }]);
    const resolved: DurableEvent = { type: "permission.resolved", requestId: request.id, outcome: "allowed", message: null };
    expect(projectEvent(resolved)).toEqual([{ op: "permission.close", requestId: request.id }]);
  });

  it("patches the conversation from status and CLI events", () => {
    expect(projectEvent({ type: "conversation.status.changed", status: "exited", reason: "crashed" })).toEqual([
      { op: "conversation.patch", patch: { status: "exited", statusReason: "crashed" } },
    ]);
    expect(projectEvent({ type: "cli.status.changed", status: "compacting", permissionMode: "plan" })).toEqual([
      { op: "conversation.patch", patch: { permissionMode: "plan" } },
    ]);
    expect(projectEvent({ type: "cli.status.changed", status: null, permissionMode: null })).toEqual([]);
  });

  it("keeps known facts when the CLI reports nulls and ignores a permission mode it does not know", () => {
    expect(projectEvent(cliSession({}))).toEqual([{ op: "conversation.patch", patch: { cliSessionId: "cli-1" } }]);
    const full = cliSession({ model: "opus", permissionMode: "acceptEdits", transport: "sdk-url" });
    expect(projectEvent(full)).toEqual([
      { op: "conversation.patch", patch: { cliSessionId: "cli-1", model: "opus", permissionMode: "acceptEdits", transport: "sdk-url" } },
    ]);
    expect(projectEvent(cliSession({ permissionMode: "someFutureMode" }))).toEqual([
      { op: "conversation.patch", patch: { cliSessionId: "cli-1" } },
    ]);
  });

  it("projects nothing for log-only events", () => {
    expect(projectEvent(notice("hi"))).toEqual([]);
    const task: DurableEvent = {
      type: "task.updated",
      taskId: newId("part"),
      toolUseId: null,
      status: "running",
      description: null,
      summary: null,
      lastToolName: null,
      isBackground: false,
    };
    expect(projectEvent(task)).toEqual([]);
  });
});
