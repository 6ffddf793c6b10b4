// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { expect, it, vi } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { docKey, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { isolateDomTests, jsonResponse } from "../../test-support/dom-tests.ts";
import { FileEditor } from "./file-editor.tsx";
import { keepEdit, readKeptEdit } from "./unsaved-edits.ts";

const SESSION = "ses_keptdeleted1" as SessionId;
const PATH = "plan.md";
const MINE = "my kept plan\n";

isolateDomTests();

/** The disk without plan.md until a save creates it; the saves the editor sent. */
function diskWithoutTheFile() {
  const saves: { content: string; baseVersion: string | null; isForced: boolean }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === "PUT") {
      saves.push(JSON.parse(String(init.body)));
      return jsonResponse({ saved: { path: PATH, version: "1" } });
    }
    if (String(url).includes("/files/content")) return jsonResponse({ error: { code: "not_found", message: `${PATH} does not exist (it may have been deleted or renamed).`, details: { path: PATH, isDeleted: true } } }, 404);
    return jsonResponse({ error: { code: "not_found", message: "no such route" } }, 404);
  }));
  return saves;
}

/** This device kept edits of plan.md (ADR 0160); the file was deleted on disk since; its tab opens again. */
async function reopenAfterDelete() {
  keepEdit(SESSION, PATH, MINE, "v1");
  const saves = diskWithoutTheFile();
  useWorkbenchStore.getState().openDoc(SESSION, { kind: "file", path: PATH });
  render(<FileEditor sessionId={SESSION} path={PATH} />);
  const bar = await screen.findByText(/Unsaved changes restored/);
  return { saves, bar: bar.closest("[role=status]") as HTMLElement };
}

it("says kept edits of a file deleted on disk are back and the file is not, and Save creates it again with them", async () => {
  const { saves, bar } = await reopenAfterDelete();
  expect(bar.textContent).toContain("The file was deleted on disk since: Save creates it again with your edits, Discard lets them go.");
  expect(screen.getByTestId("save-status").textContent).toBe("Read-only");
  expect(screen.queryByText(/does not exist/)).toBeNull();

  fireEvent.click(screen.getByRole("button", { name: `Save the restored changes, creating ${PATH} again` }));
  // As a new file: a file someone created meanwhile is not written over.
  await waitFor(() => expect(saves).toEqual([{ path: PATH, content: MINE, baseVersion: null, isForced: false }]));
  await waitFor(() => expect(screen.queryByText(/Unsaved changes restored/)).toBeNull());
  expect(screen.getByTestId("save-status").textContent).toBe("Saved");
  expect(readKeptEdit(SESSION, PATH)).toBeNull();
});

it("Discard of kept edits of a file deleted on disk forgets them and closes its tab, writing nothing", async () => {
  const { saves } = await reopenAfterDelete();
  fireEvent.click(screen.getByRole("button", { name: `Discard the restored changes to ${PATH}` }));
  fireEvent.click(screen.getByRole("button", { name: /^Throw away my edits\? Yes: Discard the restored changes/ }));
  await waitFor(() => expect(useWorkbenchStore.getState().sessions[SESSION]?.docs.map(docKey)).toEqual([]));
  expect(readKeptEdit(SESSION, PATH)).toBeNull();
  expect(saves).toEqual([]);
});
