// @vitest-environment jsdom
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { SessionId } from "../../../../shared/index.ts";
import { selectPhoneView, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { isolateDomTests } from "../../test-support/dom-tests.ts";
import { usePhoneViewHistory } from "./phone-view-history.ts";

const SESSION = "ses_phoneback01" as SessionId;
const viewNow = () => selectPhoneView(SESSION)(useWorkbenchStore.getState());

/** The phone workbench's view as the store has it, with the hook under test following it. */
function phoneWorkbench() {
  const view = renderHook(() => usePhoneViewHistory(SESSION, useWorkbenchStore(selectPhoneView(SESSION))));
  const show = (next: string) => act(() => useWorkbenchStore.getState().patch(SESSION, { phoneView: next }));
  const openFile = () => act(() => useWorkbenchStore.getState().openDoc(SESSION, { kind: "file", path: "src/a.ts" }));
  return { ...view, show, openFile };
}

isolateDomTests();

describe("Back on a phone's workbench views", () => {
  it("returns from any view (one tool, then another) to the conversation, not out of the session", async () => {
    const { show } = phoneWorkbench();
    const entries = history.length;
    show("files");
    expect(history.length).toBe(entries + 1);
    show("git");
    expect(history.length).toBe(entries + 1);
    act(() => history.back());
    await waitFor(() => expect(viewNow()).toBe("chat"));
    expect(history.state).toBeNull();
  });

  it("drops its entry when the bar goes back to the conversation, so the next Back leaves the session", async () => {
    const { show } = phoneWorkbench();
    show("changes");
    expect(history.state).toEqual({ chatmlPhoneView: SESSION });
    show("chat");
    await waitFor(() => expect(history.state).toBeNull());
    expect(viewNow()).toBe("chat");
  });

  it("returns from a document opened from a tool to that tool, then to the conversation", async () => {
    const { show, openFile } = phoneWorkbench();
    show("files");
    openFile();
    act(() => history.back());
    await waitFor(() => expect(viewNow()).toBe("files"));
    await waitFor(() => expect(history.state).toEqual({ chatmlPhoneView: SESSION }));
    act(() => history.back());
    await waitFor(() => expect(viewNow()).toBe("chat"));
    expect(history.state).toBeNull();
  });

  it("returns from a document opened from the conversation (a link in a message) to the conversation", async () => {
    const { openFile } = phoneWorkbench();
    openFile();
    act(() => history.back());
    await waitFor(() => expect(viewNow()).toBe("chat"));
    expect(history.state).toBeNull();
  });
});
