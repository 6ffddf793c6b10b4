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
