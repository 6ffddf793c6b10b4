// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { EndedTerminal, SessionId, TerminalId } from "../../../../shared/index.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { CompactEndedTerminals, EndedTerminals } from "./ended-terminals.tsx";

isolateDomTests();

function ended(name: string): EndedTerminal {
  return { id: `trm_${name}` as TerminalId, sessionId: "ses_ended01" as SessionId, name, kind: "shell", conversationId: null, createdAt: 1, endedAt: 2, reason: "server_restart" };
}

describe("EndedTerminals (terminals a ChatML restart ended)", () => {
  it("shows one ended terminal's notice at once, not \"restarted\"; one recorded before ChatML told a stop from a crash says when its end was recorded", () => {
    render(<EndedTerminals ended={[ended("build")]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(screen.getByRole("list", { name: "Terminals ended by a ChatML restart" }).textContent).toMatch(/build \(shell\) ended when ChatML stopped \(recorded at [^)]+\)\./);
  });

  it("tells a clean stop from a crash: when ChatML stopped, or that it quit unexpectedly and when it was last seen", () => {
    const exited = { ...ended("tests"), reason: "exited" as const, ending: "exit_code" as const, exitCode: 3, signal: null, problem: null };
    render(<EndedTerminals ended={[{ ...ended("build"), endedBy: "stop" }, { ...ended("watch"), endedBy: "crash" }, { ...exited, endedBy: "crash" }]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    const items = [...screen.getByRole("list", { name: "Terminals ended by a ChatML restart" }).querySelectorAll("li")].map((item) => item.textContent);
    expect(items[0]).toMatch(/^build \(shell\) ended when ChatML stopped \(at [^)]+\)\./);
    expect(items[1]).toMatch(/^watch \(shell\) ended when ChatML quit unexpectedly \(last seen [^)]+\)\./);
    expect(items[2]).toMatch(/^tests \(shell\) had exited with code 3 before ChatML quit unexpectedly \(last seen [^)]+\)\./);
  });

  it("says several ended in one crash as a crash", () => {
    render(<EndedTerminals ended={[{ ...ended("build"), endedBy: "crash" }, { ...ended("watch"), endedBy: "crash" }]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(screen.getByText("2 terminals ended when ChatML quit unexpectedly.")).toBeTruthy();
  });

  it("folds several (restart after restart) into one line, so they never take the terminal's rows; Show all lists every one in a sheet, Dismiss all forgets each", () => {
    const onDismiss = vi.fn();
    const terminals = [ended("build"), ended("watch"), ended("logs")];
    render(<EndedTerminals ended={terminals} onReopen={vi.fn()} onDismiss={onDismiss} />);
    expect(screen.getByText("3 terminals ended when ChatML stopped.")).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Terminals ended by a ChatML restart" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    const sheet = screen.getByRole("dialog", { name: "Terminals a ChatML restart ended" });
    expect(sheet.textContent).toContain("3 terminals, oldest first.");
    // Every one is in the list (which scrolls inside the sheet), none behind a box's cut edge.
    expect(screen.getByRole("list", { name: "Terminals ended by a ChatML restart" }).querySelectorAll("li")).toHaveLength(3);

    fireEvent.click(screen.getAllByRole("button", { name: "Dismiss every notice about terminals a restart ended" }).at(-1)!);
    expect(onDismiss.mock.calls.map(([terminal]) => (terminal as EndedTerminal).name)).toEqual(["build", "watch", "logs"]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("closes its sheet with Close, keeping every notice (Dismiss all was its only button)", () => {
    const onDismiss = vi.fn();
    render(<EndedTerminals ended={[ended("build"), ended("watch")]} onReopen={vi.fn()} onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    const sheet = screen.getByRole("dialog", { name: "Terminals a ChatML restart ended" });
    fireEvent.click(within(sheet).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onDismiss).not.toHaveBeenCalled();
    expect(screen.getByText("2 terminals ended when ChatML stopped.")).toBeTruthy();
  });

  it("keeps each one's last lines folded until asked for, as plain text (never HTML)", () => {
    const lastLines = ["$ make", "<b>error</b>: no rule to make target 'all'"];
    render(<EndedTerminals ended={[{ ...ended("build"), lastLines }, ended("quiet")]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    const shown = screen.getByLabelText("What build last showed");
    expect(shown.textContent).toBe(lastLines.join("\n"));
    expect(shown.querySelector("b")).toBeNull();
    const details = shown.closest("details");
    expect(details?.open).toBe(false);
    fireEvent.click(screen.getByText("Last lines"));
    expect(details?.open).toBe(true);
    // One that kept none (a crash, a blank screen) offers none.
    expect(screen.queryByLabelText("Last lines of quiet")).toBeNull();
  });

  it("keeps its last lines open through a phone turned sideways and back (the notice is remounted in each layout)", async () => {
    const terminal = { ...ended("turned"), id: "trm_turned01" as TerminalId, lastLines: ["$ tail -f app.log", "ready on :8080"] };
    const shown = () => screen.getByLabelText("What turned last showed").closest("details");
    const upright = render(<EndedTerminals ended={[terminal]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    fireEvent.click(screen.getByText("Last lines"));
    await waitFor(() => expect(shown()?.open).toBe(true));
    upright.unmount();
    // Sideways: the compact notice, whose sheet (open, as the panel keeps it) lists it.
    const sideways = render(<CompactEndedTerminals ended={[terminal]} sheet={[true, vi.fn()]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(shown()?.open).toBe(true);
    sideways.unmount();
    render(<EndedTerminals ended={[terminal]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(shown()?.open).toBe(true);
    // Folded again, it stays folded the next time it is drawn.
    fireEvent.click(screen.getByText("Last lines"));
    await waitFor(() => expect(shown()?.open).toBe(false));
    cleanup();
    render(<EndedTerminals ended={[terminal]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(shown()?.open).toBe(false);
  });
});

describe("a terminal that had exited before the restart (it vanished from the list without a word)", () => {
  const exited = (over: Partial<EndedTerminal>): EndedTerminal => ({ ...ended("tests"), reason: "exited", ending: "exit_code", exitCode: 3, signal: null, problem: null, ...over });

  it("says how it had exited, with the problem it was listed with", () => {
    render(<EndedTerminals ended={[exited({}), exited({ id: "trm_claude01" as TerminalId, name: "Claude 1", kind: "claude", problem: "Claude Code said: API key invalid" })]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(screen.getByText("2 terminals were listed before ChatML stopped.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    const items = [...screen.getByRole("list").querySelectorAll("li")].map((item) => item.textContent);
    expect(items[0]).toContain("tests (shell) had exited with code 3 before ChatML stopped");
    expect(items[1]).toContain("Claude 1 (Claude TUI) had exited with code 3 (Claude Code said: API key invalid) before ChatML stopped");
  });

  it("says a Kill, a signal and a failed start as such (from the ending, not the problem's words)", () => {
    const terminals = [
      exited({ name: "a", ending: "chatml", exitCode: 129 }),
      exited({ id: "trm_b" as TerminalId, name: "b", ending: "signal", exitCode: null, signal: "SIGTERM", problem: "ended by SIGTERM" }),
      exited({ id: "trm_c" as TerminalId, name: "c", ending: "could_not_start", exitCode: null, problem: "Could not start /gone: ENOENT" }),
    ];
    render(<CompactEndedTerminals ended={terminals.slice(0, 1)} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(screen.getByText("a had exited")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    expect(screen.getByRole("list").textContent).toContain("a (shell) was killed before ChatML stopped");
    cleanup();
    render(<EndedTerminals ended={terminals} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    const text = screen.getByRole("list").textContent;
    expect(text).toContain("b (shell) was ended by SIGTERM before ChatML stopped");
    expect(text).toContain("c (shell) could not start (Could not start /gone: ENOENT) before ChatML stopped");
  });
});

describe("CompactEndedTerminals (the same on a short screen: one item of the terminal's row)", () => {
  it("says how many in a line; Show lists them in a sheet, where each opens again or is dismissed, or all are", () => {
    const onDismiss = vi.fn();
    const onReopen = vi.fn();
    const terminals = [ended("build"), ended("watch"), ended("logs")];
    render(<CompactEndedTerminals ended={terminals} onReopen={onReopen} onDismiss={onDismiss} />);
    expect(screen.getByText("3 terminals ended in a restart")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    const sheet = screen.getByRole("dialog", { name: "Terminals a ChatML restart ended" });
    expect(sheet.querySelectorAll("li")).toHaveLength(3);
    fireEvent.click(screen.getByRole("button", { name: "Dismiss every notice about terminals a restart ended" }));
    expect(onDismiss.mock.calls.map(([terminal]) => (terminal as EndedTerminal).name)).toEqual(["build", "watch", "logs"]);
    expect(screen.queryByRole("dialog")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Show the terminals a restart ended" }));
    fireEvent.click(screen.getByRole("button", { name: "Open a new shell in place of watch" }));
    expect(onReopen.mock.calls.map(([terminal]) => (terminal as EndedTerminal).name)).toEqual(["watch"]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("names a single one", () => {
    render(<CompactEndedTerminals ended={[ended("build")]} onReopen={vi.fn()} onDismiss={vi.fn()} />);
    expect(screen.getByText("build ended in a restart")).toBeTruthy();
  });
});
