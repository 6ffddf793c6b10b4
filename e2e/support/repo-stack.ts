import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { makeTempRepo } from "../../server/git/test-support.ts";
import { REPO_ROOT, startStack, stopStack, type Stack } from "../harness/index.ts";
import { ChatmlClient } from "./chatml-client.ts";

/** Where the files on a stack with a repository put their screenshots. */
export const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

/** The fake API, ChatML and Chromium (startStack), a git repository of its own (makeTempRepo) and a client of the API. */
export type RepoStack = Stack & { repo: string; client: ChatmlClient };

/**
 * Starts a RepoStack before the tests of the `describe` it is called in, runs `prepare` on it (add a remote, a
 * workspace), and after the tests stops it and removes the repository. The object's fields are set from the first
 * test on.
 * @example const stack = repoStack("chatml-stash"); it("…", async () => { await stack.client.api("/api/workspaces", { body: { path: stack.repo } }) });
 */
export function repoStack(name: string, prepare?: (stack: RepoStack) => Promise<void>): RepoStack {
  const stack = {} as RepoStack;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    Object.assign(stack, await startStack(name));
    stack.repo = await makeTempRepo();
    stack.client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    await prepare?.(stack);
  });
  afterAll(async () => {
    stack.client?.disconnect();
    await stopStack(stack);
    if (stack.repo) rmSync(stack.repo, { recursive: true, force: true });
  });
  return stack;
}
