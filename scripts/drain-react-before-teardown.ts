import { afterAll, vi } from "vitest";

/**
 * React 19.2's development build reads `window.event` when a task of its Scheduler starts (the passive effects of a
 * commit, a render), and those tasks run on `setImmediate`, outside the test. One still queued when Vitest removes a
 * file's DOM environment throws "window is not defined": an unhandled error that fails the run though every test
 * passed (react/react#37100; seen once in CI). So, in DOM test files only, after the file's last test: unmount what is
 * still rendered (nothing renders again) and let queued tasks run while `window` still exists. A component's own timer
 * that still sets state after the file ended would throw too (React reads `window.event` for the update's priority):
 * components cancel their timers on unmount.
 */
afterAll(async () => {
  if (typeof window === "undefined") return;
  vi.useRealTimers(); // a file that left fake timers on would otherwise wait here for ever
  const { act, cleanup } = await import("@testing-library/react");
  cleanup();
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  await new Promise((resolve) => setImmediate(resolve));
});
