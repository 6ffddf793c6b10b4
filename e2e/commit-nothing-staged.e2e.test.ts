import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { git } from "../server/git/git.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "commit-nothing-staged");

/** The accessible description of a control: what aria-describedby points to. */
const descriptionOf = (control: Locator) =>
  control.evaluate((element) => (element.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim());

/**
 * Commit could be pressed with nothing staged, and said why not only once pressed (the server's refusal). It is
 * disabled now with the reason as its description, and enabled on every device as soon as something is staged;
 * amending with nothing staged (a new message for the last commit) stays possible. Stash and Draft with Claude, with
 * nothing to act on, said so only once pressed as well.
 */
describe("Commit with nothing staged (phone 390×844 and desktop 1440×900)", () => {
  const stack = signedInStack("chatml-nothing-staged", SHOTS);

  it("is disabled with its reason, enabled live on both devices once Stage all applies; Amend needs no staged file", async () => {
    const { server, devices } = stack;
    const repo = await makeTempRepo();
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const session = await sessionInRepo(client, repo, "nothing-staged");
    writeFileSync(join(session.cwd, "notes.txt"), "new notes\n");
    writeFileSync(join(session.cwd, "todo.txt"), "buy milk\n");

    const phone = await devices.open("phone", `#/s/${session.id}`);
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Git" }).click({ timeout: 20_000 });
    const desktop = await devices.open("desktop", `#/s/${session.id}`);
    await desktop.getByRole("tab", { name: "Git" }).click({ timeout: 20_000 });
    const phoneGit = phone.getByRole("region", { name: "Git" });
    const desktopGit = desktop.getByRole("region", { name: "Git" });
    await phoneGit.getByRole("button", { name: "Stage notes.txt" }).waitFor({ timeout: 20_000 });
    await desktopGit.getByRole("button", { name: "Stage notes.txt" }).waitFor({ timeout: 20_000 });

    await phoneGit.getByRole("textbox", { name: "Commit message" }).fill("Add the notes");
    const phoneCommit = phoneGit.getByRole("button", { name: "Commit", exact: true });
    const desktopCommit = desktopGit.getByRole("button", { name: "Commit", exact: true });
    expect(await phoneCommit.isDisabled()).toBe(true);
    expect(await descriptionOf(phoneCommit)).toBe("Nothing is staged: stage files or hunks (or Stage all) to commit them.");
    expect(await desktopCommit.isDisabled()).toBe(true);
    // Stash, too, says before it is pressed that new files are stashed only when asked for.
    const phoneStash = phoneGit.getByRole("button", { name: "Stash changes" });
    expect(await phoneStash.isDisabled()).toBe(true);
    expect(await descriptionOf(phoneStash)).toBe("Only new, untracked files changed: tick “Include untracked files” to stash them.");
    await phone.screenshot({ path: join(SHOTS, "phone-nothing-staged.png") });

    await desktopGit.getByRole("button", { name: "Stage all" }).click();
    await expect.poll(() => phoneCommit.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await descriptionOf(phoneCommit)).toBe("");
    // The desktop has no message of its own yet: still disabled, now for that reason.
    await expect.poll(() => descriptionOf(desktopCommit), { timeout: 15_000 }).toBe("Write a commit message first, or let Claude draft it.");
    await desktop.screenshot({ path: join(SHOTS, "desktop-staged-no-message.png") });

    await phoneCommit.tap();
    await expect.poll(async () => (await git(session.cwd, ["log", "-1", "--format=%s"])).trim(), { timeout: 15_000 }).toBe("Add the notes");
    await expect.poll(() => phoneCommit.isDisabled(), { timeout: 15_000 }).toBe(true);

    // Nothing staged, a new message for the last commit: Amend is legitimate.
    const amend = phoneGit.getByRole("checkbox", { name: "Amend last commit" });
    await amend.check();
    const message = phoneGit.getByRole("textbox", { name: "Commit message" });
    await expect.poll(() => message.inputValue(), { timeout: 15_000 }).toBe("Add the notes");
    await message.fill("Add the notes and the list");
    const phoneAmend = phoneGit.getByRole("button", { name: "Amend", exact: true });
    expect(await phoneAmend.isEnabled()).toBe(true);
    await phone.screenshot({ path: join(SHOTS, "phone-amend-nothing-staged.png") });
    await phoneAmend.tap();
    await expect.poll(async () => (await git(session.cwd, ["log", "-1", "--format=%s"])).trim(), { timeout: 15_000 }).toBe("Add the notes and the list");
    expect((await git(session.cwd, ["rev-list", "--count", "HEAD"])).trim()).toBe("2");
    // Nothing left to commit, describe or stash: each says so before it is pressed.
    await expect.poll(() => descriptionOf(phoneGit.getByRole("button", { name: "Draft with Claude" })), { timeout: 15_000 }).toBe("There are no changes for Claude to describe.");
    expect(await descriptionOf(phoneCommit)).toBe("There are no uncommitted changes to commit.");
    expect(await descriptionOf(phoneGit.getByRole("button", { name: "Stash changes" }))).toBe("There are no uncommitted changes to stash.");
    await phone.screenshot({ path: join(SHOTS, "phone-nothing-to-do.png") });
  });
});
