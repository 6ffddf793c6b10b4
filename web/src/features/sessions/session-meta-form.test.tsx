// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Session } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { SessionMetaForm } from "./session-meta-form.tsx";

const SESSION = { id: "ses_metaform0001", workspaceId: "wsp_metaform0001", name: "draco", title: "Fix login", priority: "medium", taskStatus: "backlog", isPinned: false, envSet: null } as unknown as Session;
const titleBox = () => screen.getByRole<HTMLInputElement>("textbox", { name: "Session title" });

isolateDomTests();

describe("SessionMetaForm's title", () => {
  it("says why an empty title is not saved, and sends nothing", () => {
    const fetch = vi.fn(async () => jsonResponse({ session: SESSION }));
    vi.stubGlobal("fetch", fetch);
    render(<SessionMetaForm session={SESSION} />);
    fireEvent.change(titleBox(), { target: { value: "   " } });
    fireEvent.click(screen.getByRole("button", { name: "Rename" }));
    expect(screen.getByText("Type a title first: a session's title cannot be empty.")).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("follows a rename on another device, unless this device typed another title meanwhile", () => {
    const { rerender } = render(<SessionMetaForm session={SESSION} />);
    act(() => rerender(<SessionMetaForm session={{ ...SESSION, title: "Fix the login form" }} />));
    expect(titleBox().value).toBe("Fix the login form");
    fireEvent.change(titleBox(), { target: { value: "My own words" } });
    act(() => rerender(<SessionMetaForm session={{ ...SESSION, title: "Renamed again elsewhere" }} />));
    expect(titleBox().value).toBe("My own words");
  });
});
