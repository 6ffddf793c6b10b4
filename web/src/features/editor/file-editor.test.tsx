// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { actWhenDrawn, isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { ConflictBar, FileEditor, MissingBar, NotOpened } from "./file-editor.tsx";

const SESSION = "ses_conflict01" as SessionId;

isolateDomTests();

it("Compare follows the file on disk: written again while compared, the disk's side is read again", async () => {
  const disk = { content: "claude wrote this\n", reads: [] as string[] };
  vi.stubGlobal("fetch", vi.fn(async () => {
    disk.reads.push(disk.content);
    return jsonResponse({ file: { path: "notes.md", content: disk.content, version: String(disk.reads.length), size: disk.content.length, notice: null } });
  }));
  const conflict = { message: "notes.md changed on disk while you were editing it.", isDeleted: false };
  render(<ConflictBar sessionId={SESSION} path="notes.md" conflict={conflict} mine={"my edit\n"} onReload={() => {}} onOverwrite={() => {}} />);
  fireEvent.click(screen.getByRole("button", { name: "Compare" }));
  await screen.findByRole("region", { name: "On disk → yours" });
  expect(disk.reads).toEqual(["claude wrote this\n"]);
  disk.content = "claude wrote it again\n";
  act(() => useWorkbenchStore.getState().bump(SESSION, "files"));
  await waitFor(() => expect(disk.reads).toEqual(["claude wrote this\n", "claude wrote it again\n"]));
  // Closed, the comparison is gone and a change on disk reads nothing.
  fireEvent.click(screen.getByRole("button", { name: "Compare" }));
  expect(screen.queryByRole("region", { name: "On disk → yours" })).toBeNull();
  act(() => useWorkbenchStore.getState().bump(SESSION, "files"));
  expect(disk.reads).toHaveLength(2);
});

it("a file the editor does not open says why and downloads as it is on disk", () => {
  render(<NotOpened sessionId={SESSION} path="assets/logo.bin" notice="This is a binary file; it cannot be shown as text." />);
  expect(screen.getByRole("status").textContent).toBe("This is a binary file; it cannot be shown as text.");
  const link = screen.getByRole("link", { name: "Download logo.bin as it is on disk" });
  expect(link.getAttribute("href")).toBe(`/api/sessions/${SESSION}/files/download?path=assets%2Flogo.bin`);
  expect(link.hasAttribute("download")).toBe(true);
});

it("Reload from disk and Overwrite with mine each ask first, their answers naming the file and what is lost", () => {
  const onReload = vi.fn();
  const onOverwrite = vi.fn();
  const conflict = { message: "notes.md changed on disk while you were editing it.", isDeleted: false };
  render(<ConflictBar sessionId={SESSION} path="notes.md" conflict={conflict} mine={"my edit\n"} onReload={onReload} onOverwrite={onOverwrite} />);
  fireEvent.click(screen.getByRole("button", { name: "Reload from disk: notes.md, throwing away your edits" }));
  expect(onReload).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole("button", { name: "Keep — cancel: Reload from disk: notes.md, throwing away your edits" }));
  expect(onReload).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole("button", { name: "Reload from disk: notes.md, throwing away your edits" }));
  fireEvent.click(screen.getByRole("button", { name: "Throw away my edits? Yes: Reload from disk: notes.md, throwing away your edits" }));
  expect(onReload).toHaveBeenCalledOnce();
  fireEvent.click(screen.getByRole("button", { name: "Overwrite with mine: notes.md, replacing the change on disk" }));
  expect(onOverwrite).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole("button", { name: "Replace the disk's version? Yes: Overwrite with mine: notes.md, replacing the change on disk" }));
  expect(onOverwrite).toHaveBeenCalledOnce();
});

it("a file gone from the branch offers to close it or to create it here, each naming the file", () => {
  const onCreate = vi.fn();
  act(() => useWorkbenchStore.getState().openDoc(SESSION, { kind: "file", path: "src/gone.ts" }));
  render(<MissingBar sessionId={SESSION} path="src/gone.ts" onCreate={onCreate} />);
  expect(screen.getByRole("alert").textContent).toContain("src/gone.ts is not on this branch now");
  fireEvent.click(screen.getByRole("button", { name: "Create it on this branch: src/gone.ts, with this text" }));
  expect(onCreate).toHaveBeenCalledOnce();
  fireEvent.click(screen.getByRole("button", { name: "Close src/gone.ts" }));
  expect(useWorkbenchStore.getState().sessions[SESSION]?.docs).toEqual([]);
});

/** An editor open on gone.md, which the next read of the branch says is gone; the methods its requests used. */
async function editorOfFileThatWillGo() {
  const requests: string[] = [];
  let isGone = false;
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    requests.push(init?.method ?? "GET");
    if (isGone) return jsonResponse({ error: { code: "not_found", message: "gone.md does not exist." } }, 404);
    return jsonResponse({ file: { path: "gone.md", content: "as it was\n", version: "1", size: 10, notice: null } });
  }));
  render(<FileEditor sessionId={SESSION} path="gone.md" />);
  await screen.findByText("gone.md");
  const goneFromBranch = () => {
    isGone = true;
    act(() => useWorkbenchStore.getState().bump(SESSION, "files"));
  };
  return { requests, goneFromBranch };
}

it("Ctrl+S in an editor whose file left the branch saves nothing (it would ask to create it there)", async () => {
  const { requests, goneFromBranch } = await editorOfFileThatWillGo();
  goneFromBranch();
  await screen.findByRole("alert");
  expect(screen.getByTestId("save-status").textContent).toBe("Read-only");
  // A save starts behind the saves before it, a few promise turns after the key: those turns are let run first.
  await act(async () => fireEvent.keyDown(window, { key: "s", ctrlKey: true }));
  expect(requests).not.toContain("PUT");
});

it("Ctrl+S pressed the moment the editor shows its file gone saves nothing (the key handler sees what is shown)", async () => {
  const { requests, goneFromBranch } = await editorOfFileThatWillGo();
  // The key goes in as soon as "Read-only" is on the page, as a user's could: before React's effects of that render.
  const pressed = actWhenDrawn(() => screen.queryByTestId("save-status")?.textContent === "Read-only", () => fireEvent.keyDown(window, { key: "s", ctrlKey: true }));
  goneFromBranch();
  await pressed;
  // A save starts behind the saves before it, a few promise turns after the key: those turns are let run first.
  await act(async () => {});
  expect(requests).not.toContain("PUT");
});
