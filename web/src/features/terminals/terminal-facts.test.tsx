// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { TerminalFacts } from "./terminal-facts.tsx";

isolateDomTests();

const claude: TerminalInfo = {
  id: "trm_facts0001" as TerminalId, sessionId: "ses_facts0001" as SessionId, name: "Claude", kind: "claude", conversationId: null, command: ["claude"],
  status: "running", exitCode: null, problem: null, permissionMode: "plan", effort: "high", cols: 120, rows: 30, createdAt: 1,
};

describe("a desktop row's facts about an interactive Claude (cut where the row is full)", () => {
  it("give the whole line as the tooltip and accessible description, whatever the row shows of it", () => {
    render(<TerminalFacts terminal={claude} isShort={false} />);
    const facts = screen.getByTestId("terminal-facts-row");
    const whole = facts.textContent ?? "";
    for (const fact of ["Plan only", "High effort", "Interactive Claude", "plan limits", "120×30"]) expect(whole).toContain(fact);
    // A title is a generic element's tooltip and its accessible description (a cut line is read whole too).
    expect(facts.title).toBe(whole);
  });
});
