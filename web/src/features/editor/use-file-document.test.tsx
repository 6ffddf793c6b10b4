// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { AUTO_SAVE_MS, useFileDocument } from "./use-file-document.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";

const SESSION = "ses_editor0001" as SessionId;
const PATH = "notes.md";

/** One file on a pretend disk behind `fetch`, with versions: a save made on an old version is refused as the server does. */
function fileServer(content: string) {
  const disk = { content, version: 1, saves: [] as string[], isDeleted: false };
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (!String(url).includes("/files/content")) return jsonResponse({ error: { code: "not_found", message: "no such route" } }, 404);
    if (init?.method !== "PUT" && disk.isDeleted) return jsonResponse({ error: { code: "not_found", message: `${PATH} does not exist.` } }, 404);
    if (init?.method !== "PUT") return jsonResponse({ file: { path: PATH, content: disk.content, version: String(disk.version), size: disk.content.length, notice: null } });
    const input = JSON.parse(String(init.body)) as { content: string; baseVersion: string | null; isForced: boolean };
    if (!input.isForced && input.baseVersion !== String(disk.version)) return jsonResponse({ error: { code: "conflict", message: `${PATH} changed on disk since you opened it.` } }, 409);
    disk.content = input.content;
    disk.version += 1;
    disk.saves.push(input.content);
    return jsonResponse({ saved: { path: PATH, version: String(disk.version) } });
  }));
  /** Someone else (Claude, another device) writes the file. */
  const writeElsewhere = (text: string) => {
    disk.content = text;
    disk.version += 1;
  };
  /** Someone else deletes it (or switches the branch to one without it). */
  const deleteElsewhere = () => {
    disk.isDeleted = true;
  };
  return { disk, writeElsewhere, deleteElsewhere };
}

const isDirtyTab = () => useWorkbenchStore.getState().dirty[`${SESSION}\0${PATH}`];

/** `session`: one no earlier test left edits of its closed editors for. */
async function openEditor(session = SESSION) {
  const view = renderHook(() => useFileDocument(session, PATH));
  await waitFor(() => expect(view.result.current.file).not.toBeNull());
  return view;
}

isolateDomTests();

describe("useFileDocument", () => {
  it("auto-saves after a pause in typing", async () => {
    const server = fileServer("one\n");
    const { result } = await openEditor();
    act(() => result.current.edit("one\ntwo\n"));
    expect(result.current.isDirty).toBe(true);
    await waitFor(() => expect(server.disk.saves).toEqual(["one\ntwo\n"]), { timeout: AUTO_SAVE_MS * 4 });
    await waitFor(() => expect(result.current.isDirty).toBe(false));
  });

  it("saves edits still waiting for the pause when the editor closes (another tab, the panel, another session)", async () => {
    const server = fileServer("one\n");
    const view = await openEditor();
    act(() => view.result.current.edit("one\ntwo\n"));
    view.unmount();
    await waitFor(() => expect(server.disk.content).toBe("one\ntwo\n"));
    expect(isDirtyTab()).toBe(false);
    const reopened = await openEditor();
    expect(reopened.result.current.text).toBe("one\ntwo\n");
    expect(reopened.result.current.isDirty).toBe(false);
  });

  it("a reopened editor reads the file after the closing save, not before it", async () => {
    const server = fileServer("one\n");
    const view = await openEditor();
    act(() => view.result.current.edit("one\nthree\n"));
    view.unmount();
    const reopened = await openEditor();
    expect(reopened.result.current.text).toBe("one\nthree\n");
    expect(reopened.result.current.conflict).toBeNull();
    expect(server.disk.saves).toEqual(["one\nthree\n"]);
  });

  it("keeps edits in conflict when the editor closes, and shows them again with the conflict when the file is reopened", async () => {
    const server = fileServer("one\n");
    const view = await openEditor();
    server.writeElsewhere("one\nfrom Claude\n");
    await act(async () => view.result.current.save("one\nmine\n"));
    expect(view.result.current.conflict?.message).toMatch(/changed on disk/);
    act(() => view.result.current.edit("one\nmine, more\n"));
    view.unmount();
    expect(server.disk.content).toBe("one\nfrom Claude\n");
    const reopened = await openEditor();
    await waitFor(() => expect(reopened.result.current.conflict?.message).toMatch(/changed on disk/));
    expect(reopened.result.current.text).toBe("one\nmine, more\n");
    expect(reopened.result.current.isDirty).toBe(true);
    expect(server.disk.content).toBe("one\nfrom Claude\n");
    await act(async () => reopened.result.current.save(reopened.result.current.text, true));
    expect(server.disk.content).toBe("one\nmine, more\n");
    expect(reopened.result.current.isDirty).toBe(false);
  });

  it("keeps edits typed while a save was on its way: the editor stays dirty until they are saved too", async () => {
    const server = fileServer("a\n");
    const { result } = await openEditor();
    act(() => result.current.edit("a\nb\n"));
    const first = result.current.save("a\nb\n");
    act(() => result.current.edit("a\nb\nc\n"));
    await act(async () => first);
    expect(result.current.isDirty).toBe(true);
    await waitFor(() => expect(server.disk.content).toBe("a\nb\nc\n"), { timeout: AUTO_SAVE_MS * 4 });
    await waitFor(() => expect(result.current.isDirty).toBe(false));
    expect(result.current.conflict).toBeNull();
  });

  it("warns edits in progress that the file was deleted, offering what the editor offers then: to save it again", async () => {
    const server = fileServer("one\n");
    const { result } = await openEditor();
    act(() => result.current.edit("one\nmine\n"));
    server.deleteElsewhere();
    act(() => useWorkbenchStore.getState().bump(SESSION, "files"));
    await waitFor(() => expect(result.current.conflict).toEqual({ message: `${PATH} was deleted while you were editing it. Save it again with your edits, or close it to let it go.`, isDeleted: true }));
  });

  it("a clean editor whose file is gone (a branch switch) turns read-only and saves nothing, until the file is back or created on purpose", async () => {
    const server = fileServer("only on this branch\n");
    const branchSwitched = "ses_editor0002" as SessionId;
    const { result } = await openEditor(branchSwitched);
    server.deleteElsewhere();
    act(() => useWorkbenchStore.getState().bump(branchSwitched, "files"));
    await waitFor(() => expect(result.current.isMissing).toBe(true));
    expect(result.current.text).toBe("only on this branch\n");
    expect(result.current.error).toBeNull();
    expect(result.current.conflict).toBeNull();
    // Switched back: the file is there again, and so is the editor.
    server.disk.isDeleted = false;
    act(() => useWorkbenchStore.getState().bump(branchSwitched, "files"));
    await waitFor(() => expect(result.current.isMissing).toBe(false));
    server.deleteElsewhere();
    act(() => useWorkbenchStore.getState().bump(branchSwitched, "files"));
    await waitFor(() => expect(result.current.isMissing).toBe(true));
    expect(server.disk.saves).toEqual([]);
    // Created on purpose: written with the text shown, and editable again.
    server.disk.isDeleted = false;
    await act(async () => result.current.save(result.current.text, true));
    expect(server.disk.saves).toEqual(["only on this branch\n"]);
    expect(result.current.isMissing).toBe(false);
  });

  it("follows the disk when something else writes the file, and warns edits in progress before saving over it", async () => {
    const server = fileServer("one\n");
    const { result } = await openEditor();
    const filesChanged = () => act(() => useWorkbenchStore.getState().bump(SESSION, "files"));
    server.writeElsewhere("one\nfrom a terminal\n");
    filesChanged();
    await waitFor(() => expect(result.current.text).toBe("one\nfrom a terminal\n"));
    expect(result.current.isDirty).toBe(false);

    act(() => result.current.edit("one\nfrom a terminal\nmine\n"));
    server.writeElsewhere("one\nfrom Claude\n");
    filesChanged();
    await waitFor(() => expect(result.current.conflict?.message).toBe(`${PATH} changed on disk while you were editing it. Reload it, overwrite it, or compare first.`));
    await new Promise((resolve) => setTimeout(resolve, AUTO_SAVE_MS * 2));
    expect(server.disk.content).toBe("one\nfrom Claude\n");
    expect(result.current.text).toBe("one\nfrom a terminal\nmine\n");
    expect(result.current.isDirty).toBe(true);
    act(() => result.current.discard());
    await waitFor(() => expect(result.current.text).toBe("one\nfrom Claude\n"));
    expect(result.current.conflict).toBeNull();
  });

  it("keeps what is typed while it follows the disk: the text read then is older than the keystrokes", async () => {
    const server = fileServer("one\n");
    const { result } = await openEditor();
    await act(async () => result.current.save("one\ntwo\n"));
    expect(result.current.isDirty).toBe(false);
    // The save's own news (or the file watcher's, a moment later) comes once the editor is clean: it reads the file
    // again, and the user types before that read answers.
    act(() => useWorkbenchStore.getState().bump(SESSION, "files"));
    act(() => result.current.edit("one\ntwo, three\n"));
    await waitFor(() => expect(server.disk.saves).toEqual(["one\ntwo\n", "one\ntwo, three\n"]), { timeout: AUTO_SAVE_MS * 4 });
    expect(result.current.text).toBe("one\ntwo, three\n");
    expect(result.current.conflict).toBeNull();
    await waitFor(() => expect(result.current.isDirty).toBe(false));
  });

  it("still warns when the disk changed under edits typed while it was being read", async () => {
    const server = fileServer("one\n");
    const { result } = await openEditor();
    server.writeElsewhere("one\nfrom Claude\n");
    act(() => useWorkbenchStore.getState().bump(SESSION, "files"));
    act(() => result.current.edit("one\nmine\n"));
    await waitFor(() => expect(result.current.conflict?.message).toMatch(/changed on disk while you were editing/));
    expect(result.current.text).toBe("one\nmine\n");
    expect(server.disk.content).toBe("one\nfrom Claude\n");
  });

  it("asks before the page is left with edits not saved yet", async () => {
    fileServer("one\n");
    const { result } = await openEditor();
    const leave = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    act(() => result.current.edit("one\ntwo\n"));
    expect(leave()).toBe(true);
  });
});
