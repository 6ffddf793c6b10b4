import { describe, expect, it } from "vitest";
import { emptyView, type ConversationView } from "../../protocol/conversation-view.ts";
import { statusExtras, statusHeadline, statusLabel } from "./status-text.ts";
import { takenAt } from "./session/context-window.tsx";
import { dotJoin } from "../../lib/dot-join.ts";

const view = (patch: Partial<ConversationView> = {}): ConversationView => ({ ...emptyView(), ...patch });
const retry = { attempt: 1, maxRetries: 1, delayMs: 60_000, errorStatus: 529, error: "overloaded", at: 1 } as unknown as ConversationView["apiRetry"];

describe("a phone's status line says one thing", () => {
  it("puts an API retry first while the turn runs, before the CLI's activity, tokens and model", () => {
    const busy = view({ apiRetry: retry, cliStatus: "requesting", outputTokens: 1200, cliSession: { model: "claude-opus" } as ConversationView["cliSession"] });
    expect(statusHeadline(busy, "running", null)).toBe("Retrying the API (1/1)");
    // The details keep everything the desktop line says.
    expect(statusExtras(busy, "running")).toEqual(["waiting for the model", "API retry 1/1 (529)", "1,200 tokens", "claude-opus"]);
  });

  it("is short for each state: running, waiting, stopped, sleeping, compacting", () => {
    expect(statusHeadline(view({ cliStatus: "requesting" }), "running", null)).toBe("Running");
    expect(statusHeadline(view({ cliStatus: "compacting" }), "running", null)).toBe("Compacting");
    expect(statusHeadline(view(), "waiting", null)).toBe("Waiting for you");
    expect(statusHeadline(view(), "waiting", "Asks you a question")).toBe("Asks you a question");
    expect(statusHeadline(view(), "exited", "the CLI crashed (exit code 1) and ChatML could not restart it")).toBe("Claude stopped");
    expect(statusHeadline(view(), "idle", "Sleeping after 10 minutes idle; a message wakes it")).toBe("Sleeping");
  });

  it("says a permission mode other than asking beside a plain status, not over what Claude waits for or an ending", () => {
    expect(statusHeadline(view(), "ready", null, "plan")).toBe(dotJoin(["Ready", "Plan only"]));
    expect(statusHeadline(view({ permissionMode: "acceptEdits" }), "running", null, "plan")).toBe(dotJoin(["Running", "Accept edits"]));
    expect(statusHeadline(view(), "idle", null, "bypassPermissions")).toBe(dotJoin(["Idle", "Bypass permissions"]));
    expect(statusHeadline(view(), "ready", null, "default")).toBe("Ready");
    expect(statusHeadline(view(), "waiting", "Asks to run Bash", "plan")).toBe("Asks to run Bash");
    expect(statusHeadline(view(), "idle", "Sleeping after 10 minutes idle", "plan")).toBe("Sleeping");
    expect(statusHeadline(view(), "exited", "exit code 1", "plan")).toBe("Claude stopped");
  });

  it("says the whole reason in the full label (the details sheet and the desktop)", () => {
    expect(statusLabel("exited", "exit code 1")).toBe("Exited: exit code 1");
    expect(statusLabel("idle", "Sleeping after 10 minutes idle")).toBe("Sleeping after 10 minutes idle");
    expect(statusLabel("ready", null)).toBe("Ready");
    expect(statusLabel("waiting", "Waits for you to approve a plan")).toBe("Waits for you to approve a plan");
    expect(statusExtras(view({ statusReason: "Waits for you to approve a plan" }), "waiting")).toEqual([]);
  });

  it("says a mode other than asking in words: the one Claude Code reported, else the one stored for the conversation", () => {
    expect(statusExtras(view({ permissionMode: "acceptEdits" }), "ready")).toEqual(["Accept edits"]);
    // A page opened after the mode was chosen has heard no report of it: the stored mode says it.
    expect(statusExtras(view(), "ready", true, "plan")).toEqual(["Plan only"]);
    // Claude Code's own report wins (approving a plan with "accept edits" switches it), and asking is not said.
    expect(statusExtras(view({ permissionMode: "acceptEdits" }), "ready", true, "plan")).toEqual(["Accept edits"]);
    expect(statusExtras(view(), "ready", true, "default")).toEqual([]);
  });

  it("says how full the context is, with the time measured when turns ran since (it is asked only when looked at)", () => {
    const at = new Date(2026, 11, 1, 9, 5).getTime();
    const usage = { usage: { totalTokens: 1, maxTokens: 10, percentage: 12, categories: [] }, unavailableReason: null, at } as unknown as ConversationView["contextUsage"];
    const turn = (turnAt: number) => ({ at: turnAt }) as unknown as ConversationView["lastTurn"];
    expect(statusExtras(view({ contextUsage: usage, lastTurn: turn(at - 1) }), "ready")).toEqual(["context 12% full"]);
    expect(statusExtras(view({ contextUsage: usage, lastTurn: turn(at + 1) }), "ready")).toEqual([`context 12% full at ${takenAt(at)}`]);
  });
});
