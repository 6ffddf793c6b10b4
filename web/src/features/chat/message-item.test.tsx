// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ConversationId, MessageId, PartId } from "../../../../shared/index.ts";
import type { ViewMessage } from "../../protocol/conversation-view.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { MessageItem } from "./message-item.tsx";
import type { RowContext } from "./timeline-model.ts";

isolateDomTests();

const ctx: RowContext = { children: new Map(), tasks: {}, toolElapsed: {}, approvedAt: {}, awaitingApproval: new Set() };
const COST = "Total cost:            $0.0572\nTotal duration (API):  0s\nUsage:                 14.2k input, 8 output";
const answer = (model: string | null, text: string): ViewMessage => ({
  id: "msg_item00000001" as MessageId,
  role: "assistant",
  parentToolUseId: null,
  model,
  createdAt: 1,
  isPlaceholder: false,
  parts: [{ id: "prt_item00000001" as PartId, kind: "text", text, isStreaming: false }],
});

describe("MessageItem", () => {
  it("shows Claude Code's own output (a local command's, in a message without a model) line by line, as written", () => {
    render(<MessageItem message={answer(null, COST)} ctx={ctx} conversationId={"cnv_item00000001" as ConversationId} />);
    expect(screen.getByTestId("claude-code-output").textContent).toBe(COST);
  });

  it("reads the model's answer as markdown", async () => {
    render(<MessageItem message={answer("claude-opus-5-5", "**Done**\nwith it")} ctx={ctx} conversationId={"cnv_item00000001" as ConversationId} />);
    expect(screen.queryByTestId("claude-code-output")).toBeNull();
    expect((await screen.findByText("Done")).tagName).toBe("STRONG");
  });
});
