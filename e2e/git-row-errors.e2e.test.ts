import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { git } from "../server/git/git.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { gitPanelOfNewSession } from "./support/git-panel.ts";
import { SCREEN_SIZES, signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "git-row-errors");

/**
 * Staging a file far down the Git panel's list while git could not take it (another git holding the index) said why
 * at the panel's top, off screen: the button seemed to do nothing. The reason now shows under the file's own row.
 */
describe("A file's action that git refuses (phone 390×844 and desktop 1440×900)", () => {
  const stack = signedInStack("chatml-git-row-errors", SHOTS);
  afterEach(() => stack.devices.closePages());

  it.each(SCREEN_SIZES.map(([size]) => size))("%s: says why under the file's row, in sight, and the next try goes through", async (size) => {
    const { session, page, panel } = await gitPanelOfNewSession(stack, size, `row-errors-${size}`);
    for (let i = 0; i < 30; i++) writeFileSync(join(session.cwd, `f-${String(i).padStart(2, "0")}.txt`), `file ${i}\n`);
    const lock = join((await git(session.cwd, ["rev-parse", "--absolute-git-dir"])).trim(), "index.lock");
    const stage = panel.getByRole("button", { name: "Stage f-29.txt" });
    await stage.waitFor({ timeout: 20_000 });
    // Another git (a terminal's) holds the index.
    writeFileSync(lock, "");
    await stage.scrollIntoViewIfNeeded();
    await stage.click();

    const alert = panel.getByRole("alert");
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toMatch(/index\.lock/);
    // Under the row pressed, in sight: not at the panel's top.
    const [row, said] = [await stage.boundingBox(), await alert.boundingBox()];
    const viewport = page.viewportSize();
    expect(row && said && viewport && said.y > row.y && said.y + said.height <= viewport.height).toBe(true);
    await page.screenshot({ path: join(SHOTS, `${size}-refused.png`) });

    rmSync(lock);
    await stage.click();
    await panel.getByRole("button", { name: "Unstage f-29.txt" }).waitFor({ timeout: 15_000 });
    expect(await alert.count()).toBe(0);
  });
});
