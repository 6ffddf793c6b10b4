// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationId, MessageId, PartId } from "../../../../../shared/index.ts";
import { applyEvent } from "../../../protocol/apply-event.ts";
import { emptyView } from "../../../protocol/conversation-view.ts";
import { permission, seqd } from "../../../protocol/test-fixtures.ts";
import type { RowContext } from "../timeline-model.ts";
import { ToolBlock, type ToolViewPart } from "./tool-block.tsx";

afterEach(cleanup);

const part: ToolViewPart = {
  id: "prt_1" as PartId,
  kind: "tool",
  toolUseId: "toolu_1",
  name: "Bash",
  input: { command: "ls" },
  status: "running",
  result: null,
  startedAt: 1_000,
  endedAt: null,
  isStreaming: false,
  inputDraft: "",
};
const ctx = (overrides: Partial<RowContext>): RowContext => ({ children: new Map(), tasks: {}, toolElapsed: {}, approvedAt: {}, awaitingApproval: new Set(), ...overrides });
const block = (p: ToolViewPart, c: RowContext) => <ToolBlock part={p} ctx={c} conversationId={"cnv_1" as ConversationId} messageId={"msg_1" as MessageId} />;

describe("ToolBlock", () => {
  it("says a tool waits for the user while its permission is open, instead of spinning as running", () => {
    render(block(part, ctx({ awaitingApproval: new Set(["toolu_1"]) })));
    expect(screen.getByTestId("tool-Bash").dataset.status).toBe("awaiting");
    expect(screen.getByRole("img", { name: "waiting for approval" })).toBeTruthy();
    expect(screen.getByText("waiting for you")).toBeTruthy();
  });

  it("times a tool from its approval, not from when Claude asked", () => {
    const ended = { ...part, status: "completed" as const, endedAt: 99_500, result: { text: "ok", isError: false, isTruncated: false } } as ToolViewPart;
    render(block(ended, ctx({ approvedAt: { toolu_1: 99_000 } })));
    expect(screen.getByTestId("tool-Bash").textContent).toContain("0.5s");
  });
});

describe("an answered question", () => {
  const answered = { ...part, name: "AskUserQuestion", input: { questions: [] }, status: "completed" as const, startedAt: 126_000, endedAt: 126_100, answeredAfterMs: 125_000, result: { text: "answered", isError: false, isTruncated: false } } as ToolViewPart;

  it("says how long it waited for the user, not its tenth of a second after the answer, live and after a reload alike", () => {
    // The server moved its start to the answer (126 s) and kept the wait; live the page also knows the approval.
    render(<>{block(answered, ctx({ approvedAt: { toolu_1: 126_000 } }))}{block({ ...answered, toolUseId: "toolu_2" }, ctx({}))}</>);
    const [live, reloaded] = screen.getAllByTestId("tool-AskUserQuestion");
    expect(live?.textContent).toContain("answered after 2m 05s");
    expect(live?.textContent).not.toContain("0.1s");
    expect(reloaded?.textContent).toContain("answered after 2m 05s");
  });
});

describe("a call that did not run", () => {
  const ended = (name: string, outcome: "denied" | "interrupted" | "cancelled") =>
    ({ ...part, name, status: "failed" as const, endedAt: 2_000, outcome, result: { text: "Keep planning: add tests.", isError: true, isTruncated: false } }) as ToolViewPart;

  it("says a plan sent back was kept planning, in neutral colours, not failed", () => {
    render(block(ended("ExitPlanMode", "denied"), ctx({})));
    const tool = screen.getByTestId("tool-ExitPlanMode");
    expect(tool.dataset.status).toBe("denied");
    expect(tool.textContent).toContain("kept planning");
    expect(tool.textContent).not.toContain("failed");
    expect(tool.className).not.toContain("red");
  });

  it("tells denied, interrupted and not run apart", () => {
    render(<>{block(ended("Bash", "denied"), ctx({}))}{block({ ...ended("Read", "interrupted"), toolUseId: "toolu_2" }, ctx({}))}{block({ ...ended("Edit", "cancelled"), toolUseId: "toolu_3" }, ctx({}))}</>);
    expect(screen.getByRole("img", { name: "denied" })).toBeTruthy();
    expect(screen.getByRole("img", { name: "interrupted" })).toBeTruthy();
    expect(screen.getByRole("img", { name: "not run" })).toBeTruthy();
  });
});

describe("an edited call", () => {
  it("shows the command that ran, says the user edited it, and keeps Claude's proposal aside", () => {
    const ran = { ...part, input: { command: "rm -rf build/tmp" }, editedFrom: { command: "rm -rf build" }, status: "completed" as const, endedAt: 2_000, result: { text: "", isError: false, isTruncated: false } } as ToolViewPart;
    render(block(ran, ctx({})));
    const header = screen.getByRole("button", { name: /Bash/ });
    expect(header.textContent).toContain("rm -rf build/tmp");
    expect(header.textContent).toContain("edited");
    fireEvent.click(header);
    expect(screen.getByText("$ rm -rf build/tmp")).toBeTruthy();
    expect(screen.getByTestId("edited-note").textContent).toContain("You edited this before allowing it");
    expect(screen.getByTestId("edited-note").textContent).toContain("$ rm -rf build");
  });
});

describe("approval time in the view", () => {
  it("is recorded when the user allows a tool's request, not when they deny it", () => {
    let view = applyEvent(emptyView(), seqd(1, { type: "permission.requested", request: permission("p1") }));
    view = applyEvent(view, { seq: 2, at: 5_000, event: { type: "permission.resolved", requestId: permission("p1").id, outcome: "allowed", message: null } });
    expect(view.approvedAt).toEqual({ toolu_1: 5_000 });
    let denied = applyEvent(emptyView(), seqd(1, { type: "permission.requested", request: permission("p2", { toolUseId: "toolu_2" }) }));
    denied = applyEvent(denied, { seq: 2, at: 6_000, event: { type: "permission.resolved", requestId: permission("p2").id, outcome: "denied", message: null } });
    expect(denied.approvedAt).toEqual({});
    expect(denied.pendingPermissions).toEqual([]);
  });
});
