// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { ExitProblemNotice } from "./exit-problem-notice.tsx";
import { PhoneFact, terminalFacts } from "./terminal-facts.tsx";

isolateDomTests();

const MISSING = "/opt/no-such-place/bin/a-shell-that-is-not-installed-anywhere-zsh";
/** A shell whose path does not exist, as the server lists it (the PTY's spawn error is its problem). */
const failed: TerminalInfo = {
  id: "trm_failed01" as TerminalId, sessionId: "ses_failed01" as SessionId, name: "build", kind: "shell", conversationId: null, command: [MISSING, "-i"],
  status: "exited", exitCode: null, ending: "could_not_start", problem: `Could not start ${MISSING}: ENOENT: no such file or directory`, cols: 80, rows: 24, createdAt: 1,
};

describe("a terminal that could not start (a long reason a phone's row would cut)", () => {
  it("says the whole reason in a wrapping notice, and the row's chip says it in three words", () => {
    render(<><PhoneFact terminal={failed} /><ExitProblemNotice terminal={failed} /></>);
    expect(screen.getByRole("status").textContent).toBe(`“build” did not start: Could not start ${MISSING}: ENOENT: no such file or directory`);
    expect(screen.getByTestId("terminal-fact").textContent).toBe("could not start");
    expect(terminalFacts(failed)).toBe("could not start");
  });

  it("a Claude TUI whose path is gone (a restart) likewise; a signal's end stays the row's own short fact", () => {
    const claude = { ...failed, kind: "claude", name: "Claude 1", problem: "Could not start /gone/claude: ENOENT: no such file or directory" } as const;
    const { unmount } = render(<ExitProblemNotice terminal={claude} />);
    expect(screen.getByRole("status").textContent).toBe("“Claude 1” did not start: Could not start /gone/claude: ENOENT: no such file or directory");
    unmount();
    const killed: TerminalInfo = { ...failed, command: ["bash", "-i"], ending: "signal", signal: "SIGKILL", problem: "ended by SIGKILL" };
    render(<><PhoneFact terminal={killed} /><ExitProblemNotice terminal={killed} /></>);
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.getByTestId("terminal-fact").textContent).toBe("ended by SIGKILL");
  });
});

describe("how a terminal ended, from its ending (never from the problem's wording)", () => {
  const base = { ...failed, command: ["bash", "-i"], problem: null };

  it("a start that failed with a problem worded like a signal still reads as a failed start", () => {
    const odd = { ...failed, problem: "ended by SIGSEGV" };
    render(<><PhoneFact terminal={odd} /><ExitProblemNotice terminal={odd} /></>);
    expect(screen.getByTestId("terminal-fact").textContent).toBe("could not start");
    expect(screen.getByRole("status").textContent).toBe("“build” did not start: ended by SIGSEGV");
  });

  it("a Kill reads as killed (not the 129 the hang-up caused); an exit by itself keeps its code", () => {
    expect(terminalFacts({ ...base, ending: "chatml", exitCode: 129 })).toBe("killed");
    expect(terminalFacts({ ...base, ending: "exit_code", exitCode: 3 })).toBe("exited with code 3");
    expect(terminalFacts({ ...base, ending: "signal", signal: "SIGTERM", problem: "ended by SIGTERM" })).toBe("ended by SIGTERM");
  });

  it("an interactive Claude that exited with an error explains it; one ChatML ended does not", () => {
    const claude = { ...base, kind: "claude", name: "Claude 1", exitCode: 1, ending: "exit_code", problem: "Claude Code said: bad flag" } as const;
    const { unmount } = render(<ExitProblemNotice terminal={claude} />);
    expect(screen.getByRole("status").textContent).toBe("“Claude 1” ended (exit code 1): Claude Code said: bad flag");
    unmount();
    render(<ExitProblemNotice terminal={{ ...claude, ending: "chatml", exitCode: 129 }} />);
    expect(screen.queryByRole("status")).toBeNull();
  });
});
