import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREEN_SIZES, signIn } from "./support/signed-in-page.ts";
import { type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = process.env.CHATML_QA_SHOTS ?? join("/tmp", "qa-jsroom");

describe("a link opened in a browser that is not signed in (ADR 0251)", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-sign-in-return"));
  });
  afterAll(async () => {
    await stopStack({ api, server, browser });
  });

  it.each(SCREEN_SIZES)("on a %s: the sign-in, in another tab as from the terminal, opens the screen the link asked for, once", async (name, viewport) => {
    const context = await browser.newContext({ viewport, ...(name === "phone" ? { isMobile: true, hasTouch: true } : {}) });
    try {
      const asked = await context.newPage();
      await asked.goto(`${server.origin}/#/settings`);
      await asked.getByRole("heading", { name: "Sign in to ChatML" }).waitFor({ timeout: 10_000 });
      await asked.screenshot({ path: join(SHOTS, `sign-in-asked-${name}.png`) });

      const signedIn = await context.newPage();
      await signIn(signedIn, server.url);
      await signedIn.getByRole("heading", { name: "Settings", level: 1 }).waitFor({ timeout: 20_000 });
      expect(new URL(signedIn.url()).hash).toBe("#/settings");
      await signedIn.screenshot({ path: join(SHOTS, `sign-in-returned-${name}.png`) });

      // Carried for one sign-in: the app opened later starts at home.
      const later = await context.newPage();
      await later.goto(`${server.origin}/`);
      await later.getByRole("heading", { name: "Home", level: 1 }).waitFor({ timeout: 20_000 });
      expect(new URL(later.url()).hash).toBe("");
    } finally {
      await context.close();
    }
  });

  it("an old ?token= link leaves the owner token in neither the address, the tab's history nor any request's Referer", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const sent: string[] = [];
      page.on("request", (request) => sent.push(`${request.url()} ${request.headers().referer ?? ""}`));
      await page.goto(`${server.origin}/?token=${server.token}#/settings`);
      await page.getByRole("heading", { name: "Sign in to ChatML" }).waitFor({ timeout: 10_000 });
      await page.getByRole("alert").getByText("Links that carry the token (?token=…) no longer sign in").waitFor();
      const address = new URL(page.url());
      expect(address.search).toBe("?signin=token-link");
      // The screen the link named is still kept for after the sign-in.
      expect(address.hash).toBe("#/settings");
      await page.waitForLoadState("load");
      // Back leads to the blank tab it was opened in: no entry of the tab's history holds the token.
      await page.goBack();
      expect(page.url()).toBe("about:blank");
      // The first request carried it (the link itself); nothing after it, and no Referer at all.
      expect(sent.length).toBeGreaterThan(1);
      expect(sent.slice(1).filter((line) => line.includes(server.token))).toEqual([]);
      expect(sent.filter((line) => line.split(" ")[1] !== "")).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
