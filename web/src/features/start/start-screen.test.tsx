// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Workspace } from "../../../../shared/index.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useNavStore } from "../../stores/nav-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { StartScreen } from "./start-screen.tsx";

isolateDomTests();

const workspace = (id: string, name: string, facts: Partial<Workspace>): Workspace =>
  ({ id, name, path: `/home/me/${name}`, createdAt: 1, isGitRepo: true, archivedAt: null, problem: null, ...facts }) as Workspace;

function renderWith(workspaces: Workspace[]) {
  vi.stubGlobal("fetch", vi.fn(async (url: string) => jsonResponse(String(url).includes("/settings") ? { settings: { defaultConversationMode: "chat" } } : { path: "/home/me", parent: "/home", entries: [] })));
  useConversationsStore.setState({ workspaces: Object.fromEntries(workspaces.map((w) => [w.id, w])) });
  render(<StartScreen />);
}

describe("StartScreen", () => {
  it("offers a session in each repository added, newest first, before the folder start, and leads to its workspace", () => {
    renderWith([
      workspace("wsp_api000000001", "api", { createdAt: 1 }),
      workspace("wsp_web000000001", "web", { createdAt: 2 }),
      workspace("wsp_notes0000001", "notes", { isGitRepo: false }),
      workspace("wsp_old000000001", "old", { archivedAt: 5 }),
      workspace("wsp_moved0000001", "moved", { problem: "The folder is gone." }),
    ]);
    const section = screen.getByRole("region", { name: "New session in a repository" });
    expect([...section.querySelectorAll("a")].map((a) => [a.getAttribute("aria-label"), a.getAttribute("href")])).toEqual([
      ["New session in web", "#/w/wsp_web000000001"],
      ["New session in api", "#/w/wsp_api000000001"],
    ]);
    expect(section.querySelector("button[aria-label^='New session in']")).toBeNull();
    expect(screen.getByRole("heading", { name: "In a folder (no worktree)" })).toBeTruthy();
    expect(screen.getByText(/start in a repository above instead\./)).toBeTruthy();

    fireEvent.click(screen.getByRole("link", { name: "New session in api" }));
    expect(useNavStore.getState().hash).toBe("#/w/wsp_api000000001");
  });

  it("offers the five newest repositories, the rest behind Show N more repositories", () => {
    renderWith(Array.from({ length: 8 }, (_, i) => workspace(`wsp_many0000000${i}`, `repo-${i}`, { createdAt: i })));
    const section = screen.getByRole("region", { name: "New session in a repository" });
    const offered = () => [...section.querySelectorAll("a[aria-label^='New session in']")].map((a) => a.getAttribute("aria-label"));
    expect(offered()).toEqual(["repo-7", "repo-6", "repo-5", "repo-4", "repo-3"].map((name) => `New session in ${name}`));
    fireEvent.click(screen.getByRole("button", { name: "Show 3 more repositories" }));
    expect(offered()).toHaveLength(8);
    fireEvent.click(screen.getByRole("button", { name: "Show fewer repositories" }));
    expect(offered()).toHaveLength(5);
  });

  it("shows the folder start alone when no repository was added", () => {
    renderWith([workspace("wsp_notes0000001", "notes", { isGitRepo: false })]);
    expect(screen.queryByRole("region", { name: "New session in a repository" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "In a folder (no worktree)" })).toBeNull();
    expect(screen.getByRole("textbox", { name: "Folder path" })).toBeTruthy();
    expect(screen.getByText(/add a repository instead\./)).toBeTruthy();
  });

  it("shows only the error of the path typed now: a file typed before no longer says it is not a folder", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        const u = String(url);
        if (u.includes("/settings")) return jsonResponse({ settings: { defaultConversationMode: "chat" } });
        if (u.includes("a.txt")) return jsonResponse({ error: { code: "bad_request", message: "/x/a.txt is not a folder." } }, 400);
        if (u.includes("/start")) return jsonResponse({ error: { code: "bad_request", message: "rel/dir is not an absolute path." } }, 400);
        return jsonResponse({ path: "/home/me", parent: "/home", entries: [] });
      }),
    );
    render(<StartScreen />);
    const input = screen.getByRole("textbox", { name: "Folder path" });
    fireEvent.change(input, { target: { value: "/x/a.txt" } });
    fireEvent.blur(input);
    await screen.findByText("/x/a.txt is not a folder.");

    fireEvent.change(input, { target: { value: "rel/dir" } });
    expect(screen.queryByText("/x/a.txt is not a folder.")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Start conversation" }));
    await screen.findByText("rel/dir is not an absolute path.");
    expect(screen.queryByText("/x/a.txt is not a folder.")).toBeNull();

    fireEvent.change(input, { target: { value: "/x/a.txt" } });
    await waitFor(() => expect(screen.queryByText("rel/dir is not an absolute path.")).toBeNull());
    expect(screen.getByText("/x/a.txt is not a folder.")).toBeTruthy();
  });
});
