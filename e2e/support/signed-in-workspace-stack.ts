import type { Page } from "playwright-core";
import { afterAll, afterEach } from "vitest";
import { repoStack, type RepoStack } from "./repo-stack.ts";
import { SignedInDevices } from "./signed-in-page.ts";

/**
 * A RepoStack whose repository is a workspace, with a phone and a desktop signed in once for the file (ADR 0096).
 * `openAt` gives a page at `viewport`: the desktop's past 400 px, else the phone's (touch, mobile) made that size.
 */
export type SignedInWorkspaceStack = RepoStack & { devices: SignedInDevices; openAt(viewport: { width: number; height: number }, hash: string): Promise<Page> };

/**
 * Starts a SignedInWorkspaceStack before the tests of the `describe` it is called in: the repository added as a
 * workspace, and the devices' pages closed after each test (their sign-ins kept for the next). The object's fields are
 * set from the first test on.
 */
export function signedInWorkspaceStack(name: string): SignedInWorkspaceStack {
  const stack = repoStack(name, async (started) => {
    await started.client.api("/api/workspaces", { method: "POST", body: { path: started.repo } });
    Object.assign(started, { devices: new SignedInDevices(started.browser, started.server) });
  }) as SignedInWorkspaceStack;
  stack.openAt = async (viewport, hash) => {
    const page = await stack.devices.open(viewport.width > 400 ? "desktop" : "phone", hash);
    await page.setViewportSize(viewport);
    return page;
  };
  afterEach(async () => {
    await stack.devices?.closePages();
  });
  // Registered after repoStack's: after-all hooks run last-registered first, so the devices close before the browser.
  afterAll(async () => {
    await stack.devices?.close();
  });
  return stack;
}
