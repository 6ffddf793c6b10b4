// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { HooksOffNotice } from "./hooks-off-notice.tsx";

isolateDomTests();

const claude: TerminalInfo = { id: "trm_hooks01" as TerminalId, sessionId: "ses_hooks01" as SessionId, name: "Claude 1", kind: "claude", conversationId: null, command: ["claude"], status: "running", exitCode: null, problem: null, cols: 80, rows: 24, createdAt: 1 };
const WHY = "the managed Claude Code settings (/etc/claude-code/managed-settings.json) allow HTTP hooks only to http://127.0.0.1:3456/hooks/permission-request, and ChatML's skill check posts to http://127.0.0.1:3456/hooks/user-prompt-submit";

describe("HooksOffNotice (what managed settings keep ChatML's TUI hooks from doing)", () => {
  it("says nothing when every hook runs", () => {
    const { container } = render(<HooksOffNotice terminal={claude} />);
    expect(container.textContent).toBe("");
  });

  it("says that the Skills screen's switches are not checked in the TUI, and why, when only its skill check is blocked", () => {
    render(<HooksOffNotice terminal={{ ...claude, skillChecksOff: WHY }} />);
    const notes = screen.getAllByRole("note");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.textContent).toBe(`The Skills screen's switches are not checked in “Claude 1”: ${WHY}. It was told only which skills were off when it started, and Claude Code may still run one of them typed into it.`);
  });

  it("says both when both are blocked", () => {
    render(<HooksOffNotice terminal={{ ...claude, approvalsOff: "the managed Claude Code settings (x) set disableAllHooks, so ChatML's permission hook does not run", skillChecksOff: WHY }} />);
    expect(screen.getAllByRole("note").map((note) => note.textContent?.slice(0, 40))).toEqual(["Approvals from other devices are off for", "The Skills screen's switches are not che"]);
  });
});
