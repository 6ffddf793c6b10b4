// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Workspace } from "../../../../shared/index.ts";
import { NewSessionForm } from "./new-session-form.tsx";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";

const WORKSPACE = {
  id: "wsp_newsession1", name: "parser", path: "/repo/parser", createdAt: 1, isGitRepo: true, defaultBranch: "main", branchPrefixMode: "none", branchPrefix: "",
  setupScript: "", copyFiles: [], envSets: {}, problem: null, archivedAt: null,
} as unknown as Workspace;

isolateDomTests();

describe("NewSessionForm", () => {
  it("turns a name typed as words into the folder-and-branch name it becomes, says so, and sends that, with the words as typed as its title", async () => {
    const created: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      if (String(url).includes("/branches")) return jsonResponse({ branches: ["main"], originOnly: [] });
      created.push(JSON.parse(String(init?.body)));
      return jsonResponse({ error: { code: "conflict", message: "stop here" } }, 409);
    }));
    render(<NewSessionForm workspace={WORKSPACE} />);
    const name = screen.getByRole("textbox", { name: "Session name" });
    fireEvent.change(name, { target: { value: "Fix the Café login!" } });
    expect(name.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(name.getAttribute("aria-describedby") ?? "")?.textContent).toBe("Named fix-the-cafe-login (its folder and branch)");
    fireEvent.click(screen.getByRole("button", { name: "Create session" }));
    await screen.findByText("stop here");
    expect(created).toEqual([expect.objectContaining({ name: "fix-the-cafe-login", title: "Fix the Café login!" })]);

    // A name that is already a valid one is sent as typed, with no note.
    fireEvent.change(name, { target: { value: "parser-v2.1" } });
    expect(name.getAttribute("aria-describedby")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Create session" }));
    await waitFor(() => expect(created).toHaveLength(2));
    expect(created[1]).toMatchObject({ name: "parser-v2.1", title: "parser-v2.1" });
  });

  it("drops the errors about a folder that was gone once the workspace is pointed at its new place", async () => {
    const gone = "The folder /repo/parser is gone (moved or deleted). Point the workspace at its new place, or remove it.";
    let isMoved = false;
    vi.stubGlobal("fetch", vi.fn(async (url: string) => {
      if (isMoved && String(url).includes("/branches")) return jsonResponse({ branches: ["main", "release"], originOnly: [] });
      return jsonResponse({ error: { code: "bad_request", message: gone } }, 400);
    }));
    const { rerender } = render(<NewSessionForm workspace={WORKSPACE} />);
    await screen.findByText(`The branches could not be listed (${gone}); the default base is used.`);
    fireEvent.click(screen.getByRole("button", { name: "Create session" }));
    await screen.findByText(gone);

    isMoved = true;
    rerender(<NewSessionForm workspace={{ ...WORKSPACE, path: "/repo/parser-moved" }} />);
    await screen.findByRole("option", { name: "release" });
    expect(screen.queryByText(gone)).toBeNull();
    expect(screen.queryByText(/could not be listed/)).toBeNull();
  });

  it("on a repository with no commits offers no 'default' base to start from: it says why and starts in the folder instead", async () => {
    const created: unknown[] = [];
    vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
      if (String(url).includes("/branches")) return jsonResponse({ branches: [], originOnly: [] });
      created.push(JSON.parse(String(init?.body)));
      return jsonResponse({ error: { code: "conflict", message: "stop here" } }, 409);
    }));
    render(<NewSessionForm workspace={{ ...WORKSPACE, defaultBranch: "master" }} />);
    const note = await screen.findByRole("note", { name: "No commits yet" });
    expect(note.textContent).toContain("This repository has no commits yet");
    expect(screen.queryByRole("combobox", { name: "Base branch" })).toBeNull();
    expect((screen.getByRole("button", { name: "Create session" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Use the folder itself" }));
    expect((screen.getByRole("combobox", { name: "Where" }) as HTMLSelectElement).value).toBe("folder");
    fireEvent.click(screen.getByRole("button", { name: "Create session" }));
    await screen.findByText("stop here");
    expect(created).toEqual([expect.objectContaining({ kind: "folder" })]);
  });
});
