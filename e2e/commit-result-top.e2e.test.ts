import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "../server/git/git.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { showGitPanel } from "./support/git-panel.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { SCREEN_SIZES, signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "commit-result-top");

/**
 * The commit box sits below the lists of files: after committing many files the panel stayed scrolled far down,
 * over an empty list and a Commit button turned off (the focus lost with it), with nothing in sight to say it had
 * worked. Now the panel goes back to its top, where the result says which commit was made and what is left.
 */
describe("After a commit from the Git panel (phone 390×844 and desktop 1440×900)", () => {
  const stack = signedInStack("chatml-commit-result", SHOTS);
  afterEach(() => stack.devices.closePages());

  it.each(SCREEN_SIZES.map(([size]) => size))("%s: the panel shows the new commit at its top, focused, and says nothing is left", async (size) => {
    const repo = await makeTempRepo();
    // Removed once the stack has stopped (its server holds the session's worktree until then).
    stack.madeDirs.push(repo);
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const session = await sessionInRepo(client, repo, `commit-top-${size}`);
    for (let i = 0; i < 40; i++) writeFileSync(join(session.cwd, `file-${String(i).padStart(2, "0")}.txt`), `file ${i}\n`);

    const page = await stack.devices.open(size, `#/s/${session.id}`);
    await showGitPanel(page);
    const panel = page.getByRole("region", { name: "Git" });
    await panel.getByRole("button", { name: "Stage file-39.txt" }).waitFor({ timeout: 20_000 });
    await panel.getByRole("button", { name: "Stage all" }).click();
    await panel.getByRole("button", { name: "Unstage file-39.txt" }).waitFor({ timeout: 20_000 });
    const message = panel.getByRole("textbox", { name: "Commit message" });
    await message.fill("Add forty files");
    await message.scrollIntoViewIfNeeded();
    // The user is far down the panel, at the commit box.
    expect(await panel.evaluate((element) => element.scrollTop)).toBeGreaterThan(300);
    await panel.getByRole("button", { name: "Commit", exact: true }).click();

    const result = panel.getByRole("status").filter({ hasText: "Committed" });
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(/^Committed [0-9a-f]{7} “Add forty files”\. Nothing left to commit\.$/);
    const sha = (await git(session.cwd, ["rev-parse", "--short=7", "HEAD"])).trim();
    expect(await result.textContent()).toContain(sha);
    expect(await panel.evaluate((element) => element.scrollTop)).toBe(0);
    expect(await result.evaluate((element) => element === document.activeElement)).toBe(true);
    const box = await result.boundingBox();
    const viewport = page.viewportSize();
    expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    await page.screenshot({ path: join(SHOTS, `${size}-committed.png`) });
  });
});
