// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConversationId } from "../../../../shared/index.ts";
import { applyEvent } from "../../protocol/apply-event.ts";
import { emptyView } from "../../protocol/conversation-view.ts";
import { permission, seqd } from "../../protocol/test-fixtures.ts";
import { DecidedNotes } from "./decided-notes.tsx";
import { PermissionCard } from "./permission-card.tsx";
import { answeredHere } from "./use-answer-permission.ts";

afterEach(() => {
  cleanup();
  answeredHere.clear();
  vi.unstubAllGlobals();
});

const resolved = (id: string, outcome: "allowed" | "denied" | "cancelled", decidedBy: string | null, message: string | null = null) =>
  seqd(2, { type: "permission.resolved", requestId: permission(id).id, outcome, message, decidedBy });

describe("a request decided elsewhere", () => {
  it("says who decided what instead of vanishing, and can be dismissed", () => {
    let view = applyEvent(emptyView(), seqd(1, { type: "permission.requested", request: permission("p1") }));
    view = applyEvent(view, resolved("p1", "allowed", "Pixel 8"));
    expect(view.pendingPermissions).toEqual([]);
    render(<DecidedNotes decided={view.decidedPermissions} />);
    expect(screen.getByRole("status").textContent).toContain("Allowed on Pixel 8");
    fireEvent.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("words denials and withdrawals, and stays quiet for a request this page answered or never showed", () => {
    let view = applyEvent(emptyView(), seqd(1, { type: "permission.requested", request: permission("p1") }));
    view = applyEvent(view, resolved("p1", "denied", "iPad", "Not now."));
    render(<DecidedNotes decided={view.decidedPermissions} />);
    expect(screen.getByRole("status").textContent).toContain("Denied on iPad (“Not now.”)");
    cleanup();
    answeredHere.add(permission("p1").id);
    render(<DecidedNotes decided={view.decidedPermissions} />);
    expect(screen.queryByRole("status")).toBeNull();
    answeredHere.clear();
    expect(applyEvent(emptyView(), resolved("p9", "allowed", "iPad")).decidedPermissions).toEqual([]);
  });

  it("says who stopped Claude when an interrupt withdrew the request, and the CLI when it withdrew it itself", () => {
    const requested = applyEvent(emptyView(), seqd(1, { type: "permission.requested", request: permission("p1") }));
    const withdrawn = (message: string) => {
      cleanup();
      render(<DecidedNotes decided={applyEvent(requested, resolved("p1", "cancelled", null, message)).decidedPermissions} />);
      return screen.getByRole("status").textContent;
    };
    expect(withdrawn("You stopped Claude.")).toContain("No longer waiting: you stopped Claude.");
    expect(withdrawn("The turn budget stopped Claude.")).toContain("No longer waiting: the turn budget stopped Claude.");
    expect(withdrawn("The CLI withdrew the request.")).toContain("No longer waiting: the CLI withdrew the request.");
  });

  it("shows who decided when this page's own answer came second (its Deny was refused, the other device's Allow ran)", async () => {
    let refuse = () => {};
    const refusal = { error: { code: "permission_not_pending", message: "This request is no longer waiting for an answer." } };
    vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>((resolve) => (refuse = () => resolve(Response.json(refusal, { status: 409 }))))));
    const requested = applyEvent(emptyView(), seqd(1, { type: "permission.requested", request: permission("p1") }));
    render(<PermissionCard conversationId={"cnv_test0001" as ConversationId} request={permission("p1")} />);
    fireEvent.click(screen.getByRole("button", { name: "Deny" }));
    // The other device's decision arrives over the socket (the card goes) before this page's refused answer is back.
    cleanup();
    render(<DecidedNotes decided={applyEvent(requested, resolved("p1", "allowed", "Pixel 8")).decidedPermissions} />);
    expect(screen.queryByRole("status")).toBeNull();
    await act(async () => refuse());
    expect((await screen.findByRole("status")).textContent).toContain("Allowed on Pixel 8");
  });

  it("says nothing of this page's own answer whose reply was lost on the way back (it said 'Allowed on' this very device)", async () => {
    let drop = () => {};
    vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>((_, reject) => (drop = () => reject(new TypeError("Failed to fetch"))))));
    const requested = applyEvent(emptyView(), seqd(1, { type: "permission.requested", request: permission("p1") }));
    render(<PermissionCard conversationId={"cnv_test0001" as ConversationId} request={permission("p1")} />);
    fireEvent.click(screen.getByRole("button", { name: "Allow" }));
    await act(async () => drop());
    expect((await screen.findByRole("alert")).textContent).not.toBe("");
    // The server took it: this page's own decision comes back over the socket, named by this device.
    cleanup();
    render(<DecidedNotes decided={applyEvent(requested, resolved("p1", "allowed", "This phone")).decidedPermissions} />);
    expect(screen.queryByRole("status")).toBeNull();
  });
});
