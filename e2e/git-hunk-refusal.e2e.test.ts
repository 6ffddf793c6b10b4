import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "../server/git/git.ts";
import { commitFile } from "../server/git/test-support.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { gitPanelOfNewSession } from "./support/git-panel.ts";
import { SCREEN_SIZES, signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "git-hunk-refusal");

/** Lines 1–30 of the file, with line 2 and line 22 changed: two hunks. `moved` moves hunk 2's added line into hunk 1. */
function lines(moved: boolean): string {
  const all = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
  all[1] = moved ? "LINE 2\nADDED" : "LINE 2";
  all[21] = moved ? "LINE 22" : "LINE 22\nADDED";
  return `${all.join("\n")}\n`;
}

/**
 * A hunk's Stage that git refused (the file changed on disk since its diff was shown) said why under the file's row,
 * far from the hunk pressed, and the panel kept the stale diff. The reason now shows beside that hunk, the diff is read
 * again, and the hunk's next Stage goes through and drops it.
 */
const repos: string[] = [];

describe("a hunk's action that is refused (phone 390×844 and desktop 1440×900)", () => {
  const stack = signedInStack("chatml-git-hunk-refusal", SHOTS);
  afterEach(() => stack.devices.closePages());

  it.each(SCREEN_SIZES.map(([size]) => size))("%s: says why beside that hunk, reads the diff again, and the retry stages it", async (size) => {
    const { repo, session, page, panel } = await gitPanelOfNewSession(stack, size, `hunk-refusal-${size}`);
    repos.push(repo);
    const file = join(session.cwd, "hunks.txt");
    await commitFile(session.cwd, "hunks.txt", `${Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n")}\n`);
    writeFileSync(file, lines(false));
    const changes = panel.getByRole("region", { name: "Changes" });
    await changes.getByRole("button", { name: "Show the unstaged diff of hunks.txt" }).click({ timeout: 20_000 });
    const hunks = changes.getByRole("list", { name: "Hunks of hunks.txt" });
    const [first, second] = [hunks.locator(":scope > li").nth(0), hunks.locator(":scope > li").nth(1)];
    await second.getByRole("button", { name: "Stage hunk 2 of hunks.txt" }).waitFor({ timeout: 20_000 });
    // The same counts (+3 −2), other hunks: the git state does not move, so the panel still shows the old diff.
    writeFileSync(file, lines(true));
    await second.getByRole("button", { name: "Stage hunk 2 of hunks.txt" }).click();

    const said = second.getByRole("alert");
    await expect.poll(() => said.textContent(), { timeout: 15_000 }).toMatch(/changed since it was shown; it is shown again as it is now\./);
    expect(await first.getByRole("alert").count()).toBe(0);
    expect(await changes.getByRole("alert").count()).toBe(1);
    // Read again: hunk 1 now holds the added line.
    await first.getByRole("button", { name: "+ADDED" }).waitFor({ timeout: 15_000 });
    await said.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `${size}-refused.png`) });

    await second.getByRole("button", { name: "Stage hunk 2 of hunks.txt" }).click();
    await page.getByRole("region", { name: "Staged" }).getByText("hunks.txt").waitFor({ timeout: 15_000 });
    await expect.poll(() => changes.getByRole("alert").count(), { timeout: 15_000 }).toBe(0);
    expect(await git(session.cwd, ["diff", "--cached", "--", "hunks.txt"])).toContain("+LINE 22");
    // The other hunk is still there to stage.
    await changes.getByRole("button", { name: "Stage hunk 1 of hunks.txt" }).click();
    await expect.poll(async () => (await git(session.cwd, ["diff", "--", "hunks.txt"])).trim(), { timeout: 15_000 }).toBe("");
  });
});

// Runs after the describe above has stopped its stack: the repositories its sessions were made in went with it.
describe("after the Git panel's tests", () => {
  it("left none of the repositories they made behind", () => {
    expect(repos).toHaveLength(SCREEN_SIZES.length);
    expect(repos.filter((repo) => existsSync(repo))).toEqual([]);
  });
});
