// @vitest-environment jsdom
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { StashList } from "./stash-list.tsx";

const SESSION = "ses_stash0001" as SessionId;

isolateDomTests();

const stashButton = () => screen.getByRole<HTMLButtonElement>("button", { name: "Stash changes" });
const description = (element: HTMLElement) => document.getElementById(element.getAttribute("aria-describedby") ?? "")?.textContent ?? "";

describe("StashList", () => {
  it("Stash is disabled with its reason when there is nothing to stash, and enabled once there is", () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ stashes: [] })));
    const view = render(<StashList sessionId={SESSION} version="1" uncommitted={{ tracked: 0, untracked: 0 }} />);
    expect(stashButton().disabled).toBe(true);
    expect(description(stashButton())).toBe("There are no uncommitted changes to stash.");
    view.rerender(<StashList sessionId={SESSION} version="1" uncommitted={{ tracked: 1, untracked: 0 }} />);
    expect(stashButton().disabled).toBe(false);
    expect(stashButton().getAttribute("aria-describedby")).toBeNull();
  });

  it("with only untracked files changed, says to include them, and is enabled once that is ticked", () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ stashes: [] })));
    render(<StashList sessionId={SESSION} version="1" uncommitted={{ tracked: 0, untracked: 2 }} />);
    expect(stashButton().disabled).toBe(true);
    expect(description(stashButton())).toBe("Only new, untracked files changed: tick “Include untracked files” to stash them.");
    fireEvent.click(screen.getByRole("checkbox", { name: "Include untracked files" }));
    expect(stashButton().disabled).toBe(false);
  });
});
