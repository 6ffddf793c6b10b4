// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationId, PendingApproval, SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { useUiStore } from "../../stores/ui-store.ts";
import { selectPhoneView, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { ApprovalCards } from "./approval-cards.tsx";

// The diff viewer draws with the browser's layout (none in jsdom): here it shows the text it was given.
vi.mock("../diff/index.ts", () => ({ LazyDiffViewer: ({ after }: { after: string }) => <pre>{after}</pre> }));

const SESSION = "ses_approvals01" as SessionId;

function approval(toolName: string, input: Record<string, unknown>): PendingApproval {
  return { id: `apv_${toolName}`, terminalId: "trm_approvals01" as TerminalId, sessionId: SESSION, toolName, input, createdAt: 1, expiresAt: Date.now() + 60_000 };
}

isolateDomTests();
beforeEach(() => {
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ approvals: useTerminalsStore.getState().approvals })));
});

describe("ApprovalCards (the interactive terminal's permission prompts)", () => {
  it("shows all of what Allow would allow: a long command, and any other tool's input whole", async () => {
    const command = `npm test && ${"echo step && ".repeat(40)}curl -X DELETE https://example.com/everything`;
    const args = { query: "x".repeat(400), target: "the-part-after-300-characters" };
    useTerminalsStore.getState().setApprovals([approval("Bash", { command, description: "Run the tests" }), approval("mcp__db__run", args)]);

    render(<ApprovalCards sessionId={SESSION} />);

    const cards = await screen.findAllByTestId("approval-card");
    expect(cards[0]?.textContent).toContain("curl -X DELETE https://example.com/everything");
    expect(cards[1]?.textContent).toContain("the-part-after-300-characters");
  });

  it("shows the content a Write would put in the file, not only its path", async () => {
    useTerminalsStore.getState().setApprovals([approval("Write", { file_path: "/work/app/deploy.sh", content: "#!/bin/sh\nrm -rf ./build-cache\n" })]);

    render(<ApprovalCards sessionId={SESSION} />);

    const card = await screen.findByTestId("approval-card");
    expect(card.textContent).toContain("/work/app/deploy.sh");
    await waitFor(() => expect(card.textContent).toContain("rm -rf ./build-cache"));
  });

  it("takes a phone from a TUI's question to its conversation, whose card has the choices", async () => {
    const conversationId = "cnv_approvals01" as ConversationId;
    useTerminalsStore.getState().upsert({ id: "trm_approvals01", sessionId: SESSION, name: "Claude", kind: "claude", conversationId, status: "running", cols: 80, rows: 24, exitCode: null, createdAt: 1 } as unknown as TerminalInfo);
    useWorkbenchStore.getState().patch(SESSION, { phoneView: "terminals" });
    useTerminalsStore.getState().setApprovals([approval("AskUserQuestion", { questions: [{ question: "Which color do you prefer?", header: "Color", options: [{ label: "Red", description: "" }, { label: "Blue", description: "" }], multiSelect: false }] })]);

    render(<ApprovalCards sessionId={SESSION} />);

    fireEvent.click(await screen.findByRole("button", { name: "Answer in the conversation" }));
    expect(useUiStore.getState().selectedId).toBe(conversationId);
    expect(location.hash).toBe(`#/c/${conversationId}`);
    expect(selectPhoneView(SESSION)(useWorkbenchStore.getState())).toBe("chat");
  });
});
