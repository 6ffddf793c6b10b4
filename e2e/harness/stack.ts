import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { cliBinPath } from "./cli-bins.ts";
import { startChatml, type ChatmlServer } from "./chatml.ts";
import { cliEnv, tempDir } from "./env.ts";
import { startFakeApi, type FakeApi } from "../fake-api/server.ts";

/** The whole chain a browser test drives: the fake API, a ChatML server on a real CLI, and headless Chromium. */
export type Stack = { api: FakeApi; server: ChatmlServer; browser: Browser; /** The server's data dir and environment, to start it again. */ dataDir: string; env: Record<string, string> };

/** Starts a {@link Stack}; `name` prefixes its temp dirs; `extraArgs` go to `chatml` (e.g. `--public-url`). */
export async function startStack(name: string, cliVersion = "2.1.330", options: { extraArgs?: string[] } = {}): Promise<Stack> {
  const api = await startFakeApi({ port: 0 });
  const env = cliEnv({ apiUrl: api.url, home: tempDir(`${name}-home`) });
  const dataDir = tempDir(`${name}-data`);
  const server = await startChatml({ dataDir, claudeBin: cliBinPath(cliVersion), env, ...options });
  return { api, server, browser: await launchBrowser(), dataDir, env };
}

/** Stops whatever of a stack was started, browser first. */
export async function stopStack(stack: Partial<Stack>): Promise<void> {
  await stack.browser?.close();
  await stack.server?.stop();
  await stack.api?.stop();
}
