// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../shared/index.ts";
import { permission } from "../../protocol/test-fixtures.ts";
import { PermissionCard } from "./permission-card.tsx";

const CNV = "cnv_test0001" as ConversationId;

function mockFetch(...responses: Array<{ status: number; body: unknown }>) {
  const fn = vi.fn(async () => {
    const r = responses.shift() ?? { status: 200, body: { ok: true } };
    return new Response(JSON.stringify(r.body), { status: r.status, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fn);
  return fn;
}

function sentBody(fn: ReturnType<typeof mockFetch>, call: number): Record<string, unknown> {
  const init = (fn.mock.calls[call] as unknown as [string, RequestInit])[1];
  return JSON.parse(String(init.body)) as Record<string, unknown>;
}

beforeEach(() => localStorage.clear());
afterEach(async () => {
  // Let answers still in flight settle (and React apply their state) while the DOM exists: a state update that lands
  // after the environment is torn down throws "window is not defined" from React's scheduler and fails the run.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  cleanup();
  vi.unstubAllGlobals();
});

describe("PermissionCard", () => {
  it("allows always with the request's suggestions", async () => {
    const fetch = mockFetch();
    render(<PermissionCard conversationId={CNV} request={permission("p1", { suggestions: [{ id: "s1", label: "Add the allow rule Bash(ls) for this project" }, { id: "s2", label: "Switch to accept-edits mode for this session" }] })} />);
    // The button says what it changes beyond this call, to a screen reader too; each change is one list item.
    fireEvent.click(screen.getByRole("button", { name: "Always allow", description: "Always allow also: Add the allow rule Bash(ls) for this project Switch to accept-edits mode for this session" }));
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Add the allow rule Bash(ls) for this project", "Switch to accept-edits mode for this session"]);
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(sentBody(fetch, 0)).toMatchObject({ decision: "allow", rememberSuggestionIds: ["s1", "s2"] });
  });

  it("asks for an MCP tool by its own name and its server's, not Claude Code's mcp__server__tool", () => {
    mockFetch();
    render(<PermissionCard conversationId={CNV} request={permission("p1", { toolName: "mcp__chatml__session_status", input: {} })} />);
    expect(screen.getByRole("region", { name: "Allow session_status (MCP server chatml)?" })).toBeTruthy();
  });

  it("shows an error, unlocks the buttons, and retries with the same command id", async () => {
    const fetch = mockFetch({ status: 500, body: { error: { code: "internal", message: "boom" } } });
    render(<PermissionCard conversationId={CNV} request={permission("p1")} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Deny message" }), { target: { value: "not now" } });
    fireEvent.click(screen.getByRole("button", { name: "Deny" }));
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "boom");
    const deny = screen.getByRole("button", { name: "Deny" });
    expect(deny).toHaveProperty("disabled", false);
    fireEvent.click(deny);
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect(sentBody(fetch, 0)).toMatchObject({ decision: "deny", message: "not now" });
    expect(sentBody(fetch, 1).commandId).toBe(sentBody(fetch, 0).commandId);
  });

  it("sends AskUserQuestion answers keyed by question text", async () => {
    const fetch = mockFetch();
    const questions = [
      { question: "Which fix?", header: "Fix", multiSelect: false, options: [{ label: "Small", description: null }, { label: "Big", description: null }] },
    ];
    render(<PermissionCard conversationId={CNV} request={permission("q1", { kind: "question", toolName: "AskUserQuestion", questions })} />);
    const submit = screen.getByRole("button", { name: "Submit answers" });
    expect(submit).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("radio", { name: "Small" }));
    fireEvent.click(submit);
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(sentBody(fetch, 0)).toMatchObject({ decision: "allow", answers: { "Which fix?": "Small" } });
  });

  it("offers to decline a question (not to \"Deny\" it), as other devices' notes then say", async () => {
    const fetch = mockFetch();
    const questions = [{ question: "Which fix?", header: "Fix", multiSelect: false, options: [{ label: "Small", description: null }] }];
    render(<PermissionCard conversationId={CNV} request={permission("q2", { kind: "question", toolName: "AskUserQuestion", questions })} />);
    expect(screen.queryByRole("button", { name: "Deny" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Decline to answer" }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(sentBody(fetch, 0)).toMatchObject({ decision: "deny" });
  });

  it("approves a plan or keeps planning with feedback", async () => {
    const fetch = mockFetch();
    render(<PermissionCard conversationId={CNV} request={permission("pl", { kind: "plan", toolName: "ExitPlanMode", plan: "# Plan" })} />);
    // The markdown renderer is a lazy chunk: the first import can be slow on a busy machine.
    expect(await screen.findByRole("heading", { name: "Plan" }, { timeout: 15_000 })).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Plan feedback" }), { target: { value: "smaller steps" } });
    fireEvent.click(screen.getByRole("button", { name: "Keep planning" }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(sentBody(fetch, 0)).toMatchObject({ decision: "deny", message: "smaller steps" });
  });

  it("keeps a plan's feedback and a reason to deny while the card is away (another conversation, another view, a reload)", async () => {
    const plan = permission("pl2", { kind: "plan", toolName: "ExitPlanMode", plan: "# Plan" });
    render(<PermissionCard conversationId={CNV} request={plan} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Plan feedback" }), { target: { value: "Split step 2 in two, and test first." } });
    cleanup();
    render(<PermissionCard conversationId={CNV} request={plan} />);
    expect(screen.getByRole<HTMLTextAreaElement>("textbox", { name: "Plan feedback" }).value).toBe("Split step 2 in two, and test first.");
    cleanup();
    render(<PermissionCard conversationId={CNV} request={permission("p2")} />);
    fireEvent.change(screen.getByRole("textbox", { name: "Deny message" }), { target: { value: "Use the test database" } });
    cleanup();
    render(<PermissionCard conversationId={CNV} request={permission("p3")} />);
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Deny message" }).value).toBe("");
    cleanup();
    render(<PermissionCard conversationId={CNV} request={permission("p2")} />);
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Deny message" }).value).toBe("Use the test database");
  });
});
