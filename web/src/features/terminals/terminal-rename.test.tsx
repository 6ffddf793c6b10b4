// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionId, TerminalId, TerminalInfo } from "../../../../shared/index.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { screenOf } from "../../test-support/screen-of.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { TerminalsPanel } from "./terminals-panel.tsx";
import { terminalNameProblem } from "./terminal-rename.tsx";

// xterm draws nothing in jsdom; what is tested here is the tab row around it.
vi.mock("./terminal-view.tsx", () => ({ default: () => null }));
isolateDomTests();
beforeEach(() => {
  vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} });
  // jsdom lays nothing out, so it has no scrollIntoView (the chosen tab is scrolled into its row's view).
  Element.prototype.scrollIntoView = () => undefined;
});

const sessionId = "ses_rename0001" as SessionId;
const TERMINAL: TerminalInfo = { id: "trm_rename0001" as TerminalId, sessionId, name: "Terminal 1", kind: "shell", conversationId: null, command: ["/bin/bash", "-i"], status: "running", exitCode: null, problem: null, cols: 80, rows: 24, createdAt: 1 };

/** The panel on a screen of this kind, with one terminal; the server's answers, and each rename asked of it. */
function panelWithTerminal(hasMouse: boolean, renameAnswer: () => Response = () => jsonResponse({ terminal: TERMINAL })) {
  screenOf(hasMouse ? { width: 1440, height: 900, hasMouse } : { width: 390, height: 844, hasMouse });
  const renames: string[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === "PATCH") {
      renames.push((JSON.parse(String(init.body)) as { name: string }).name);
      return renameAnswer();
    }
    if (/\/terminals$/.test(String(url))) return jsonResponse({ terminals: [TERMINAL], ended: [] });
    return jsonResponse(/approvals$/.test(String(url)) ? { approvals: [] } : { sessions: [] });
  }));
  useTerminalsStore.getState().setSession(sessionId, [TERMINAL]);
  render(<TerminalsPanel sessionId={sessionId} />);
  return renames;
}

const field = () => screen.getByRole("textbox", { name: "New name for Terminal 1" });

describe("renaming a terminal in its tab (no window.prompt)", () => {
  it("turns the tab into a field holding its name; Enter saves the new name and the tab comes back", async () => {
    const prompt = vi.fn();
    vi.stubGlobal("prompt", prompt);
    const renames = panelWithTerminal(true);
    fireEvent.click(screen.getByRole("button", { name: "Rename Terminal 1" }));
    expect((field() as HTMLInputElement).value).toBe("Terminal 1");
    expect(screen.queryByRole("tab", { name: "Terminal 1" })).toBeNull();
    fireEvent.change(field(), { target: { value: "  dev server " } });
    fireEvent.submit(field().closest("form")!);
    await waitFor(() => expect(screen.getByRole("tab", { name: "Terminal 1" })).toBeTruthy());
    expect(renames).toEqual(["dev server"]);
    expect(prompt).not.toHaveBeenCalled();
  });

  it("refuses an empty name and a too-long one, saying why beside the field and keeping what was typed; Escape keeps the name", () => {
    const renames = panelWithTerminal(true);
    fireEvent.click(screen.getByRole("button", { name: "Rename Terminal 1" }));
    fireEvent.change(field(), { target: { value: "   " } });
    fireEvent.submit(field().closest("form")!);
    const form = screen.getByRole("form", { name: "Rename Terminal 1" });
    expect(within(form).getByRole("alert").textContent).toBe("A terminal needs a name: type one, or cancel to keep “Terminal 1”.");
    expect(field().getAttribute("aria-invalid")).toBe("true");
    expect(field().getAttribute("aria-describedby")).toBe(within(form).getByRole("alert").id);

    fireEvent.change(field(), { target: { value: "x".repeat(61) } });
    expect(within(form).queryByRole("alert")).toBeNull();
    fireEvent.submit(field().closest("form")!);
    expect(within(form).getByRole("alert").textContent).toBe("At most 60 characters: this name has 61.");
    expect((field() as HTMLInputElement).value).toBe("x".repeat(61));

    fireEvent.keyDown(field(), { key: "Escape" });
    expect(screen.getByRole("tab", { name: "Terminal 1" })).toBeTruthy();
    expect(renames).toEqual([]);
  });

  it("on a phone, Rename in the actions sheet opens the field in the tab row; Cancel keeps the name; a refused rename says the server's reason", async () => {
    const renames = panelWithTerminal(false, () => jsonResponse({ error: { code: "not_found", message: "Terminal trm_rename0001 does not exist (any more)." } }, 404));
    fireEvent.click(screen.getByRole("button", { name: "Actions for Terminal 1" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Rename Terminal 1" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Cancel renaming Terminal 1" }));
    expect(screen.getByRole("tab", { name: "Terminal 1" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Actions for Terminal 1" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Rename Terminal 1" }));
    fireEvent.change(field(), { target: { value: "logs" } });
    fireEvent.click(screen.getByRole("button", { name: "Save the name of Terminal 1" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/^Not renamed: .*does not exist/));
    expect((field() as HTMLInputElement).value).toBe("logs");
    expect(renames).toEqual(["logs"]);
  });
  it("says the server's own sentence when it refuses a name this page took (a server with a shorter limit than the page's)", async () => {
    // The body the server's validation sends (server/http/validate.ts): its sentence, with the issues listed.
    const refusal = { error: { code: "bad_request", message: "Name must be at most 40 characters.", details: { issues: [{ path: "name", message: "Too big" }] } } };
    const renames = panelWithTerminal(true, () => jsonResponse(refusal, 400));
    fireEvent.click(screen.getByRole("button", { name: "Rename Terminal 1" }));
    fireEvent.change(field(), { target: { value: "x".repeat(50) } });
    fireEvent.submit(field().closest("form")!);
    const form = screen.getByRole("form", { name: "Rename Terminal 1" });
    await waitFor(() => expect(within(form).getByRole("alert").textContent).toBe("Not renamed: Name must be at most 40 characters."));
    expect((field() as HTMLInputElement).value).toBe("x".repeat(50));
    expect(renames).toEqual(["x".repeat(50)]);
  });
});

describe("terminalNameProblem", () => {
  it("takes what the server takes: 1 to 60 characters once trimmed", () => {
    expect(terminalNameProblem(` ${"x".repeat(60)} `, "a")).toBeNull();
    expect(terminalNameProblem("x".repeat(61), "a")).toMatch(/At most 60/);
    expect(terminalNameProblem("\t", "a")).toMatch(/needs a name/);
  });
});
