import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "../server/git/git.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { writeExecutable } from "../server/test-support/executable.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { showGitPanel } from "./support/git-panel.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "commit-hook-hangs");

/**
 * A pre-commit hook that never ends (a watcher started by mistake, a test run waiting on a port) left Commit saying
 * "Committing…" for good, with nothing to stop it, and held the repository's lock: every later stage, commit or push
 * of the session waited behind it. The commit is now shown running on every device with "Stop commit", which stops
 * git and the hook, commits nothing and keeps what was staged and the message.
 */
describe("a commit whose pre-commit hook hangs (phone 390×844 and desktop 1440×900)", () => {
  const stack = signedInStack("chatml-commit-hook-hangs", SHOTS);

  it("shows on both devices as running, Stop commit ends it keeping stage and message, and git works again", async () => {
    const { server, devices } = stack;
    const repo = await makeTempRepo();
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const session = await sessionInRepo(client, repo, "hook-hangs");
    const hooks = join(repo, ".git", "hooks");
    const marker = join(repo, "hook-started");
    mkdirSync(hooks, { recursive: true });
    writeExecutable(join(hooks, "pre-commit"), `#!/bin/sh\ntouch "${marker}"\nsleep 600\n`);
    writeFileSync(join(session.cwd, "notes.txt"), "new notes\n");
    writeFileSync(join(session.cwd, "todo.txt"), "buy milk\n");
    await git(session.cwd, ["add", "notes.txt"]);

    const [phone, desktop] = [await devices.open("phone", `#/s/${session.id}`), await devices.open("desktop", `#/s/${session.id}`)];
    await showGitPanel(phone);
    await showGitPanel(desktop);
    const phoneGit = phone.getByRole("region", { name: "Git" });
    const desktopGit = desktop.getByRole("region", { name: "Git" });
    await phoneGit.getByRole("button", { name: "Stage todo.txt" }).waitFor({ timeout: 20_000 });

    await phoneGit.getByRole("textbox", { name: "Commit message" }).fill("Add the notes");
    await phoneGit.getByRole("button", { name: "Commit", exact: true }).tap();
    await expect.poll(() => existsSync(marker), { timeout: 15_000 }).toBe(true);
    const phoneRunning = phoneGit.getByRole("status", { name: "Commit running" });
    const desktopRunning = desktopGit.getByRole("status", { name: "Commit running" });
    await phoneRunning.waitFor({ timeout: 15_000 });
    await desktopRunning.waitFor({ timeout: 15_000 });
    expect(await desktopGit.getByRole("button", { name: "Committing…" }).isDisabled()).toBe(true);
    await phoneRunning.scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(SHOTS, "phone-commit-running.png") });
    await desktop.screenshot({ path: join(SHOTS, "desktop-commit-running.png") });

    await desktopRunning.getByRole("button", { name: "Stop commit" }).click();
    await phoneGit.getByText("The commit was stopped before it was made").waitFor({ timeout: 15_000 });
    await phoneRunning.waitFor({ state: "detached", timeout: 15_000 });
    await desktopRunning.waitFor({ state: "detached", timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-commit-stopped.png") });
    expect((await git(session.cwd, ["rev-list", "--count", "HEAD"])).trim()).toBe("1");
    expect((await git(session.cwd, ["diff", "--cached", "--name-only"])).trim()).toBe("notes.txt");
    expect(await phoneGit.getByRole("textbox", { name: "Commit message" }).inputValue()).toBe("Add the notes");

    // The repository is free again: staging answers (it waited behind the hung hook for good before).
    await desktopGit.getByRole("button", { name: "Stage todo.txt" }).click();
    await expect.poll(async () => (await git(session.cwd, ["diff", "--cached", "--name-only"])).trim().split("\n"), { timeout: 15_000 }).toEqual(["notes.txt", "todo.txt"]);
    rmSync(join(hooks, "pre-commit"));
    await phoneGit.getByRole("button", { name: "Commit", exact: true }).tap();
    await expect.poll(async () => (await git(session.cwd, ["log", "-1", "--format=%s"])).trim(), { timeout: 15_000 }).toBe("Add the notes");
  });
});
