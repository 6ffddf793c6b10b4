import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { fetchOrigin } from "./remote-actions.ts";
import { fetchBranch } from "./repo.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A clone of a repository with a `feature` branch, whose origin then moves on, and the clone's own FETCH_HEAD. */
async function cloneWithUserFetch(): Promise<{ clone: string; fetchHead: () => string }> {
  const origin = await makeTempRepo("chatml-fetch-head-origin-");
  const clone = await makeTempRepo("chatml-fetch-head-clone-");
  folders.push(origin, clone);
  await git(origin, ["branch", "feature"]);
  await git(clone, ["remote", "add", "origin", origin]);
  await git(clone, ["fetch", "--quiet", "origin"]);
  await commitFile(origin, "main.txt", "main moved\n");
  await git(origin, ["checkout", "--quiet", "feature"]);
  await commitFile(origin, "feature.txt", "feature moved\n");
  // What the user's own `git pull origin main` fetched: its merge reads this next.
  await git(clone, ["fetch", "--quiet", "origin", "main"]);
  const gitDir = (await git(clone, ["rev-parse", "--absolute-git-dir"])).trim();
  return { clone, fetchHead: () => readFileSync(join(gitDir, "FETCH_HEAD"), "utf8") };
}

/*
 * A user's `git pull` in a session's worktree is a fetch, then a merge of what FETCH_HEAD names. ChatML fetches in the
 * same worktree in the background (a PR's head moved, a session's base) and wrote FETCH_HEAD too: a pull whose merge
 * came after ChatML's fetch said "no candidates for merging" (a test of the worktree catch-up failed so under load).
 */
describe("ChatML's fetches", () => {
  it("leave the user's FETCH_HEAD as it was, and still fetch", async () => {
    const { clone, fetchHead } = await cloneWithUserFetch();
    const before = fetchHead();
    expect(before).toContain("branch 'main'");

    expect(await fetchBranch(clone, "feature")).toBeNull();
    await fetchOrigin(clone, "feature");

    expect(fetchHead()).toBe(before);
    expect((await git(clone, ["log", "-1", "--format=%s", "refs/remotes/origin/feature"])).trim()).toBe("add feature.txt");
  });
});
