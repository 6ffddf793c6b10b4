// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationId, MessageId, PartId } from "../../../../../shared/index.ts";
import type { ToolViewPart } from "./tool-block.tsx";
import { ToolDetails } from "./tool-details.tsx";

afterEach(cleanup);

const tool = (name: string, input: unknown, result: ToolViewPart["result"]): ToolViewPart => ({
  id: "prt_1" as PartId,
  kind: "tool",
  toolUseId: "toolu_1",
  name,
  input,
  status: result ? (result.isError ? "failed" : "completed") : "running",
  result,
  startedAt: 1,
  endedAt: result ? 2 : null,
  isStreaming: false,
  inputDraft: "",
});
const details = (part: ToolViewPart) => render(<ToolDetails part={part} task={undefined} conversationId={"cnv_1" as ConversationId} messageId={"msg_1" as MessageId} />);

const questions = [{ question: "Which color do you prefer?", header: "Color", options: [{ label: "Red", description: "A warm color" }, { label: "Blue", description: "A cool color" }], multiSelect: false }];

describe("prose, not JSON, for plans and questions", () => {
  it("renders an approved plan as markdown and says it was approved", async () => {
    const { container } = details(tool("ExitPlanMode", { plan: "# Plan\n1. Create hello.txt" }, { text: "User has approved your plan.", isError: false, isTruncated: false, structured: { plan: "# Plan\n1. Create hello.txt", filePath: "/h/.claude/plans/p.md" } }));
    expect(await screen.findByRole("heading", { name: "Plan" })).toBeTruthy();
    expect(screen.getByTestId("plan-outcome").textContent).toContain("Approved\u00a0· saved to /h/.claude/plans/p.md");
    expect(container.textContent).not.toContain('"plan"');
  });

  it("shows the feedback of a plan the user kept planning on", () => {
    details(tool("ExitPlanMode", { plan: "# P" }, { text: "Keep planning: add a testing step.", isError: true, isTruncated: false, structured: { error: "Error: Keep planning: add a testing step." } }));
    expect(screen.getByTestId("plan-outcome").textContent).toBe("Keep planning: add a testing step.");
  });

  it("lists a question's options with the user's answer marked, and a typed answer in words", () => {
    const { container } = details(tool("AskUserQuestion", { questions }, { text: 'Your questions have been answered: "Which color do you prefer?"="Blue".', isError: false, isTruncated: false, structured: { questions, answers: { "Which color do you prefer?": "Blue" } } }));
    expect(screen.getByText("Which color do you prefer?")).toBeTruthy();
    expect(screen.getByText(/\(your answer\)/).closest("li")?.textContent).toContain("Blue");
    expect(container.textContent).not.toContain('"questions"');
    cleanup();
    details(tool("AskUserQuestion", { questions }, { text: 'Your questions have been answered: "Which color do you prefer?"="Teal". You can now continue.', isError: false, isTruncated: false }));
    expect(screen.getByText(/Your answer:/).textContent).toBe("Your answer: Teal");
  });
});
