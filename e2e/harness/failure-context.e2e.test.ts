import { errors, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FAILURE_SCREENSHOT_TIMEOUT_MS, failureScreenshot } from "./failure-context.ts";

/** A page that records the options of each screenshot and answers with `outcome` (a png, or this error). */
function recordingPage(outcome: Buffer | Error): Pick<Page, "screenshot"> & { asked: { path?: string; timeout?: number }[] } {
  const asked: { path?: string; timeout?: number }[] = [];
  const screenshot = async (options?: { path?: string; timeout?: number }) => {
    asked.push({ path: options?.path, timeout: options?.timeout });
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { asked, screenshot } as unknown as Pick<Page, "screenshot"> & { asked: { path?: string; timeout?: number }[] };
}

describe("a failure screenshot taken after a test failed (an afterEach)", () => {
  it("waits the short failure timeout, not the page's 30 s default", async () => {
    const page = recordingPage(Buffer.from("png"));
    await failureScreenshot(page, "/tmp/failed.png");
    expect(page.asked).toEqual([{ path: "/tmp/failed.png", timeout: FAILURE_SCREENSHOT_TIMEOUT_MS }]);
  });

  it("says which screenshot was not taken and why when it times out", async () => {
    const page = recordingPage(new errors.TimeoutError("page.screenshot: Timeout 10000ms exceeded.\nCall log: …"));
    await expect(failureScreenshot(page, "/tmp/failed.png")).rejects.toThrow(
      "the failure screenshot /tmp/failed.png was not taken: TimeoutError: page.screenshot: Timeout 10000ms exceeded.",
    );
  });
});
