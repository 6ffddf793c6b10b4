// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationId, MessageId, PartId } from "../../../../../shared/index.ts";
import type { RowContext } from "../timeline-model.ts";
import { agentReport } from "./agent-report.tsx";
import { ToolBlock, type ToolViewPart } from "./tool-block.tsx";

afterEach(cleanup);

const HAND_BACK =
  "  <tools-used-before-summary>Bash</tools-used-before-summary>\n  \n[Subagent hand-back] The text below is the final report of a subagent. The report follows:\n  Subagent **report**: printed from-subagent.\n  - one\nagentId: af59b4fb678a7027c (use SendMessage with to: 'af59b4fb678a7027c' to continue this agent)\n<usage>subagent_tokens: 2671\ntool_uses: 1</usage>";

describe("a sub-agent's report", () => {
  it("is the sub-agent's words without the CLI's hand-back frame", () => {
    expect(agentReport(HAND_BACK, undefined)).toBe("Subagent **report**: printed from-subagent.\n- one");
    const structured = { status: "completed", content: [{ type: "text", text: "<tools-used-before-summary>Bash</tools-used-before-summary>\n" }, { type: "text", text: "Subagent report: printed from-subagent." }] };
    expect(agentReport(HAND_BACK, structured)).toBe("Subagent report: printed from-subagent.");
    expect(agentReport("Subagent report: done.", undefined)).toBe("Subagent report: done.");
  });

  it("renders as markdown below the nested steps", async () => {
    const part: ToolViewPart = {
      id: "prt_1" as PartId, kind: "tool", toolUseId: "toolu_1", name: "Agent", input: { description: "Sub task", prompt: "Do it" },
      status: "completed", result: { text: HAND_BACK, isError: false, isTruncated: false }, startedAt: 1, endedAt: 2, isStreaming: false, inputDraft: "",
    };
    const ctx: RowContext = { children: new Map(), tasks: {}, toolElapsed: {}, approvedAt: {}, awaitingApproval: new Set() };
    render(
      <ToolBlock part={part} ctx={ctx} conversationId={"cnv_1" as ConversationId} messageId={"msg_1" as MessageId}>
        <p>nested step</p>
      </ToolBlock>,
    );
    const report = screen.getByTestId("agent-report");
    expect(await screen.findByText("report", { selector: "strong" })).toBeTruthy();
    expect(report.textContent).not.toContain("hand-back");
    const nested = screen.getByTestId("subagent");
    expect(nested.compareDocumentPosition(report) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
