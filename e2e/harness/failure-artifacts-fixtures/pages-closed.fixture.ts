import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SignedInDevices } from "../../support/signed-in-page.ts";
import { launchBrowser } from "../browser.ts";
import { startSite } from "./site.ts";

// Tests that close their pages before the failure's artifact is written: in an afterEach, and in a `finally`. The
// devices "sign in" at a page of the site that has no query, as ChatML's sign-in link ends.
const site = startSite();
let browser: Browser;
let devices: SignedInDevices;
beforeAll(async () => {
  browser = await launchBrowser();
  devices = new SignedInDevices(browser, { url: `${site.url}signed-in`, origin: site.url.origin });
});
afterAll(async () => {
  await browser?.close();
  await site.stop(true);
});

describe("closing its pages in afterEach", () => {
  afterEach(async () => devices.closePages());

  it("passes with its page closed after it", async () => {
    const page = await devices.open("phone", "passing?text=a%20page%20of%20a%20test%20that%20passed");
    expect(await page.innerText("h1")).toBe("a page of a test that passed");
  });

  it("fails with its page closed after it", async () => {
    await devices.open("desktop", "desktop?text=the%20card%20said%20No%20pull%20request");
    expect("the card's state").toBe("open");
  });
});

it("fails in a try whose finally closes its pages", async () => {
  try {
    await devices.open("phone", "flood?text=the%20terminal%20after%20the%20flood");
    expect("the marker").toBe("on the screen");
  } catch (error) {
    await devices.keepPagesOfFailure();
    throw error;
  } finally {
    await devices.closePages();
  }
});
