import { errors, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { retryUncapturedScreenshots } from "./browser.ts";

/** A page whose screenshot fails with each of `failures` in turn (a message or an error), then succeeds. */
function pageFailingWith(...failures: (string | Error)[]): Page & { attempts: number; timeouts: (number | undefined)[] } {
  const page = {
    attempts: 0,
    timeouts: [] as (number | undefined)[],
    async screenshot(options?: { timeout?: number }) {
      page.timeouts.push(options?.timeout);
      const failure = failures[page.attempts++];
      if (failure) throw typeof failure === "string" ? new Error(failure) : failure;
      return Buffer.from("png");
    },
    async waitForTimeout() {},
  };
  return page as unknown as Page & { attempts: number; timeouts: (number | undefined)[] };
}

describe("screenshots Chromium could not capture", () => {
  it("are taken again, and the third failure is the test's", async () => {
    const flaky = retryUncapturedScreenshots(pageFailingWith("Protocol error (Page.captureScreenshot): Unable to capture screenshot"));
    expect((await flaky.screenshot()).toString()).toBe("png");
    const broken = pageFailingWith(...Array(3).fill("Unable to capture screenshot"));
    await expect(retryUncapturedScreenshots(broken).screenshot()).rejects.toThrow(/Unable to capture/);
    expect(broken.attempts).toBe(3);
  });

  it("a screenshot that timed out is taken once more, and the second timeout is the test's", async () => {
    const timedOut = () => new errors.TimeoutError("page.screenshot: Timeout 30000ms exceeded.");
    const slow = pageFailingWith(timedOut());
    expect((await retryUncapturedScreenshots(slow).screenshot()).toString()).toBe("png");
    const stuck = pageFailingWith(timedOut(), timedOut(), timedOut());
    await expect(retryUncapturedScreenshots(stuck).screenshot()).rejects.toThrow(/Timeout 30000ms exceeded/);
    expect(stuck.attempts).toBe(2);
    // The second attempt is shorter: two full 30 s could run past the test's timeout and hide this error behind it.
    expect(stuck.timeouts).toEqual([undefined, 15_000]);
  });

  it("other errors are not retried, and a page is wrapped once", async () => {
    const closed = pageFailingWith("Target page, context or browser has been closed");
    const wrapped = retryUncapturedScreenshots(retryUncapturedScreenshots(closed));
    await expect(wrapped.screenshot()).rejects.toThrow(/closed/);
    expect(closed.attempts).toBe(1);
  });
});
