import type { Page } from "playwright-core";

/** Figures read from the page through the DevTools protocol. */
export type PageMetrics = { jsHeapMb: number; domNodes: number };

/** JS heap in use (after a GC) and DOM node count. */
export async function pageMetrics(page: Page): Promise<PageMetrics> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await cdp.detach();
  return { jsHeapMb: Math.round((get("JSHeapUsedSize") / 1024 / 1024) * 10) / 10, domNodes: get("Nodes") };
}

/** Scrolls the timeline to its top `times` times, waiting for each older page; returns ms per page. */
export async function scrollOlder(page: Page, times: number): Promise<number[]> {
  const timings: number[] = [];
  for (let i = 0; i < times; i++) {
    const before = await page.getByTestId("message-assistant").first().getAttribute("data-testid");
    const firstKey = await page.evaluate(() => document.querySelector("[data-testid=timeline] [data-index]")?.textContent?.slice(0, 40) ?? "");
    const started = performance.now();
    // A real wheel, as a reader would: the timeline only unpins from the bottom on user intent.
    await page.getByTestId("timeline").hover();
    await page.mouse.wheel(0, -200);
    await page.getByTestId("timeline").evaluate((el) => (el.scrollTop = 0));
    await page
      .waitForFunction((key) => (document.querySelector("[data-testid=timeline] [data-index]")?.textContent?.slice(0, 40) ?? "") !== key, firstKey, { timeout: 15_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: ".artifacts/large-conversation-failure.png" });
        throw error;
      });
    timings.push(Math.round(performance.now() - started));
    void before;
  }
  return timings;
}
