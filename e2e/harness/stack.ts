import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { cliBinPath } from "./cli-bins.ts";
import { startChatml, type ChatmlServer } from "./chatml.ts";
import { cliEnv, tempDir } from "./env.ts";
import { startFakeApi, type FakeApi } from "../fake-api/server.ts";

/** The whole chain a browser test drives: the fake API, a ChatML server on a real CLI, and headless Chromium. */
export type Stack = { api: FakeApi; server: ChatmlServer; browser: Browser; /** The server's data dir and environment, to start it again. */ dataDir: string; env: Record<string, string> };

/**
 * Starts a {@link Stack}; `name` prefixes its temp dirs; `extraArgs` go to `chatml` (e.g. `--public-url`); `aiTitles`
 * as in {@link startChatml} (off unless asked).
 */
export async function startStack(name: string, cliVersion = "2.1.330", options: { extraArgs?: string[]; aiTitles?: boolean } = {}): Promise<Stack> {
  const api = await startFakeApi({ port: 0 });
  const env = cliEnv({ apiUrl: api.url, home: tempDir(`${name}-home`) });
  const dataDir = tempDir(`${name}-data`);
  const { server, browser } = await startServerAndBrowser(() => startChatml({ dataDir, claudeBin: cliBinPath(cliVersion), env, ...options }));
  return { api, server, browser, dataDir, env };
}

/**
 * Starts a ChatML server and Chromium at once: each waits on its own process's start (~0.5–1.5 s of a loaded 2-core
 * machine each), so one after the other the second waited for nothing. If either fails, the other is stopped.
 */
export async function startServerAndBrowser(startServer: () => Promise<ChatmlServer>): Promise<{ server: ChatmlServer; browser: Browser }> {
  const [server, browser] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (server.status === "fulfilled" && browser.status === "fulfilled") return { server: server.value, browser: browser.value };
  if (browser.status === "fulfilled") await browser.value.close();
  if (server.status === "fulfilled") await server.value.stop();
  throw server.status === "rejected" ? server.reason : (browser as PromiseRejectedResult).reason;
}

/**
 * {@link startServerAndBrowser} where the browser tests of a `describe.each` run on one version's server only: that
 * version's Chromium starts beside its server (rather than after the API tests, waiting on its own start), the other
 * versions start the server alone (`browser` null).
 */
export async function startServerWithBrowserIf(isBrowserWanted: boolean, startServer: () => Promise<ChatmlServer>): Promise<{ server: ChatmlServer; browser: Browser | null }> {
  return isBrowserWanted ? startServerAndBrowser(startServer) : { server: await startServer(), browser: null };
}

/** Stops whatever of a stack was started, browser first. */
export async function stopStack(stack: Partial<Stack>): Promise<void> {
  await stack.browser?.close();
  await stack.server?.stop();
  await stack.api?.stop();
}
