// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { ConflictBar, NotOpened } from "./file-editor.tsx";

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
