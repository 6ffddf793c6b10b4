// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { screenOf } from "../../test-support/screen-of.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { SessionHeader, SessionMenuButton } from "./session-header.tsx";
import { useNavStore } from "../../stores/nav-store.ts";
import { selectPhoneView, useWorkbenchStore } from "../../stores/workbench-store.ts";

isolateDomTests();

const SESSION = { id: "ses_header0001", workspaceId: "wsp_header0001", name: "gadget", title: null, kind: "worktree", branch: "gadget", baseBranch: "main", git: null, jobId: null, problem: null, setup: null } as unknown as Session;

describe("the session header's side panel switch", () => {
  it("is offered where the workbench shows its panels (a desktop), not on a phone turned sideways, which shows the phone's views", () => {
    screenOf({ width: 1440, height: 900, hasMouse: true });
    const { unmount } = render(<SessionHeader session={SESSION} hasSidePanel />);
    expect(screen.getByRole("button", { name: "Hide panel" })).toBeTruthy();
    unmount();
    screenOf({ width: 844, height: 390, hasMouse: false });
    render(<SessionHeader session={SESSION} hasSidePanel />);
    expect(screen.getByRole("button", { name: "Details" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Hide panel|Changes & files/ })).toBeNull();
  });
});

describe("the session header's name and branch", () => {
  it("says a session named after its branch once ('gadget', not 'gadget gadget'), and a branch of another name beside the name", () => {
    screenOf({ width: 1440, height: 900, hasMouse: true });
    const { unmount } = render(<SessionHeader session={SESSION} hasSidePanel />);
    expect(screen.getAllByText("gadget")).toHaveLength(1);
    unmount();
    render(<SessionHeader session={{ ...SESSION, title: "Add the gadget" }} hasSidePanel />);
    expect(screen.getByText("Add the gadget")).toBeTruthy();
    // Away from the overview, the name is the way to it: a link (a new tab, a copied link).
    expect(screen.getByRole("link", { name: "Add the gadget" }).getAttribute("href")).toBe(`#/s/${SESSION.id}`);
    expect(screen.getByText("gadget")).toBeTruthy();
  });
});

describe("a phone's session menu", () => {
  it("gives the way to the overview a row of its own, apart from the branch and the path lines it wrapped onto", () => {
    screenOf({ width: 390, height: 844, hasMouse: false });
    render(<SessionMenuButton session={{ ...SESSION, cwd: "/work/gadget" } as Session} />);
    fireEvent.click(screen.getByRole("button", { name: "Session menu" }));
    const sheet = screen.getByRole("dialog", { name: "Session details" });
    const overview = screen.getByRole("link", { name: "Session overview" });
    expect(overview.parentElement).toBe(sheet);
    expect(overview.getAttribute("href")).toBe(`#/s/${SESSION.id}`);
    // A plain click opens the overview here and closes the sheet over it.
    expect(fireEvent.click(overview)).toBe(false);
    expect(screen.queryByRole("dialog", { name: "Session details" })).toBeNull();
  });
});

describe("a phone's session menu and the keyboard", () => {
  it("takes the keyboard as it opens, keeps Tab inside the sheet, and gives it back to the menu button on Escape", () => {
    screenOf({ width: 390, height: 844, hasMouse: false });
    render(
      <>
        <SessionMenuButton session={{ ...SESSION, cwd: "/work/gadget" } as Session} />
        <button type="button">Behind the sheet</button>
      </>,
    );
    const opener = screen.getByRole("button", { name: "Session menu" });
    act(() => opener.focus());
    fireEvent.click(opener);
    const sheet = screen.getByRole("dialog", { name: "Session details" });
    const focused = () => document.activeElement as HTMLElement;
    // Focus stayed on the button behind the backdrop, and Tab went on to the page under it.
    expect(sheet.contains(focused())).toBe(true);
    fireEvent.keyDown(focused(), { key: "Tab", shiftKey: true });
    expect(sheet.contains(focused())).toBe(true);
    fireEvent.keyDown(focused(), { key: "Tab" });
    expect(sheet.contains(focused())).toBe(true);
    fireEvent.keyDown(focused(), { key: "Escape" });
    expect(screen.queryByRole("dialog", { name: "Session details" })).toBeNull();
    expect(focused()).toBe(opener);
  });
});

describe("a phone's Back from a workbench view", () => {
  it("is a link back to the screen under the view (Terminals had no Back, as every other phone screen has), and a click shows the conversation again", () => {
    screenOf({ width: 390, height: 844, hasMouse: false });
    useNavStore.setState({ hash: `#/s/${SESSION.id}` });
    useWorkbenchStore.getState().patch(SESSION.id, { phoneView: "terminals" });
    render(<SessionHeader session={SESSION} hasSidePanel />);
    const back = screen.getByRole("link", { name: "Back" });
    expect(back.getAttribute("href")).toBe(`#/s/${SESSION.id}`);
    expect(fireEvent.click(back)).toBe(false);
    expect(selectPhoneView(SESSION.id)(useWorkbenchStore.getState())).toBe("chat");
    // Over the conversation its own top bar has the Back; a desktop shows no views to go back from.
    expect(screen.queryByRole("link", { name: "Back" })).toBeNull();
  });
});
