import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { unnamedControls } from "./support/accessible-names.ts";
import { smallTargets } from "./support/touch-targets.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { repoStack } from "./support/repo-stack.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { openGitOnPhoneAndDesktop } from "./support/git-panel.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

describe("stash from the Git panel: a phone puts work aside and brings it back while a desktop watches live", () => {
  const stack = repoStack("chatml-stash");

  it("stashes with a message and untracked files, shows, pops with a confirmation, says why a conflicting apply failed, and drops", async () => {
    const { id: sessionId, cwd } = await sessionInRepo(stack.client, stack.repo);
    writeFileSync(join(cwd, "README.md"), "# test\nwork in progress\n");
    writeFileSync(join(cwd, "draft.txt"), "an untracked draft\n");

    const { p, d, close } = await openGitOnPhoneAndDesktop(stack.browser, stack.server, sessionId);
    try {
      const stashes = (page: Page) => page.getByRole("region", { name: "Stashes" });
      await stashes(p).getByText("No stashes.").waitFor({ timeout: 20_000 });

      await stashes(p).getByRole("textbox", { name: "Stash message" }).fill("before Claude tries again");
      await stashes(p).getByRole("checkbox", { name: "Include untracked files" }).check();
      await stashes(p).getByRole("button", { name: "Stash changes" }).click();
      const shown = `stash “before Claude tries again”`;
      await stashes(p).getByRole("button", { name: `Show ${shown}` }).waitFor({ timeout: 20_000 });
      // The other device reads the list again on its own.
      await stashes(d).getByRole("button", { name: `Show ${shown}` }).waitFor({ timeout: 20_000 });
      expect(readFileSync(join(cwd, "README.md"), "utf8")).toBe("# test\n");
      await stashes(p).getByRole("button", { name: `Show ${shown}` }).click();
      await stashes(p).getByRole("list", { name: "Stashed files" }).getByText("draft.txt").waitFor();
      expect(await stashes(p).getByLabel("Stashed patch").textContent()).toContain("+work in progress");
      await stashes(p).scrollIntoViewIfNeeded();
      await p.screenshot({ path: join(SHOTS, "stash-phone-shown.png") });
      expect(await smallTargets(p)).toEqual([]);
      expect(await unnamedControls(p)).toEqual([]);

      // Applying over a change to the same file is refused, said under the stash list, and loses nothing.
      writeFileSync(join(cwd, "README.md"), "# test\ntyped since\n");
      await stashes(p).getByRole("button", { name: `Apply ${shown}` }).click();
      await stashes(p).getByText(/not applied: it would overwrite your uncommitted changes to README\.md/).waitFor({ timeout: 20_000 });
      expect(readFileSync(join(cwd, "README.md"), "utf8")).toBe("# test\ntyped since\n");
      writeFileSync(join(cwd, "README.md"), "# test\n");

      // Pop asks first; once confirmed, the work is back and the stash is gone on both devices.
      await stashes(p).getByRole("button", { name: `Pop ${shown} (apply it, then delete it)` }).click();
      await p.screenshot({ path: join(SHOTS, "stash-phone-pop-confirm.png") });
      expect(readFileSync(join(cwd, "README.md"), "utf8")).toBe("# test\n");
      await stashes(p).getByRole("group", { name: `Confirm: Pop ${shown} (apply it, then delete it)` }).getByRole("button", { name: /^Pop/ }).click();
      await stashes(d).getByText("No stashes.").waitFor({ timeout: 20_000 });
      expect(readFileSync(join(cwd, "README.md"), "utf8")).toBe("# test\nwork in progress\n");
      expect(readFileSync(join(cwd, "draft.txt"), "utf8")).toBe("an untracked draft\n");

      // Stashed again from the desktop (git's own message), then dropped for good from the phone.
      await stashes(d).getByRole("button", { name: "Stash changes" }).click();
      const row = stashes(p).getByRole("list", { name: "Stash list" }).getByRole("listitem");
      await row.first().waitFor({ timeout: 20_000 });
      await d.screenshot({ path: join(SHOTS, "stash-desktop.png") });
      expect(await unnamedControls(d)).toEqual([]);
      await row.first().getByRole("button", { name: /^Drop stash/ }).click();
      await row.first().getByRole("button", { name: /^Drop\? Yes: Drop stash/ }).click();
      await stashes(d).getByText("No stashes.").waitFor({ timeout: 20_000 });
    } finally {
      await close();
    }
  });
});
