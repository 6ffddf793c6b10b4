import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser } from "../browser.ts";
import { startSite } from "./site.ts";

const site = startSite();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site.stop(true);
});

async function openPage(name: string, text: string, options: Parameters<Browser["newContext"]>[0] = {}, dialog?: string) {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(`${site.url}${name}?text=${encodeURIComponent(text)}${dialog ? `&dialog=${encodeURIComponent(dialog)}` : ""}`);
  return page;
}

it("passes with a page left open", async () => {
  const page = await openPage("passing", "a page of a test that passed");
  expect(await page.innerText("h1")).toBe("a page of a test that passed");
});

it("fails with two pages open", async () => {
  await openPage("desktop", "the desktop card said No pull request", {}, "Session controls");
  await openPage("phone", "the phone card said Open", { viewport: { width: 390, height: 844 }, isMobile: true });
  expect("the card's state").toBe("open");
});

it("fails with a page that no longer answers", async () => {
  const page = await openPage("stuck", "a page about to hang");
  // A synchronous request that is never answered holds the page's main thread (without the CPU a busy loop would
  // burn): it paints no frame for a screenshot and runs no script to read its text.
  await page.evaluate(() =>
    setTimeout(() => {
      const request = new XMLHttpRequest();
      request.open("GET", "/never", false);
      request.send();
    }),
  );
  expect("the page").toBe("answering");
});
