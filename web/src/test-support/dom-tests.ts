import { act, cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

/**
 * For DOM test files whose components keep text in localStorage and talk to a stubbed `fetch`: every test starts with
 * empty storage, and after it the rendered tree is unmounted and what the unmount started (an editor's closing save,
 * an answer in flight) is let settle while the DOM and the test's `fetch` still exist; then the stubs go.
 */
export function isolateDomTests(): void {
  beforeEach(() => localStorage.clear());
  afterEach(async () => {
    cleanup();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    vi.unstubAllGlobals();
  });
}

/** A JSON answer as the server sends it. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/**
 * Does `act` the moment `isDrawn` holds, from a MutationObserver (the microtask after React writes the DOM, before the
 * effects of that render run), as a user's tap on what just appeared could; resolves once it has. A test that awaits
 * `findBy…` instead acts a task later, after the effects on an idle machine and before them on a loaded one.
 * @example await actWhenDrawn(() => screen.queryByText("Saved") !== null, () => fireEvent.click(button));
 */
export function actWhenDrawn(isDrawn: () => boolean, act: () => void): Promise<void> {
  return new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (!isDrawn()) return;
      watch.disconnect();
      act();
      resolve();
    });
    watch.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
