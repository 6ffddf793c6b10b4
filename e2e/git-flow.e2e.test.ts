import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "../server/git/index.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { REPO_ROOT, tempDir } from "./harness/index.ts";
import { repoStack } from "./support/repo-stack.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { openGitOnPhoneAndDesktop } from "./support/git-panel.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

describe("git from the browser: Claude writes, the user commits with a drafted message and pushes; a second device sees it", () => {
  let remote = "";
  const stack = repoStack("chatml-git", async ({ repo }) => {
    remote = join(tempDir("chatml-git-remote"), "origin.git");
    await git(repo, ["init", "--quiet", "--bare", "--initial-branch=main", remote]);
    await git(repo, ["remote", "add", "origin", remote]);
    await git(repo, ["push", "--quiet", "origin", "main"]);
  });

  it("stages, drafts, commits and pushes from a phone while a desktop watches live", async () => {
    const { id: sessionId, cwd, conversationId } = await sessionInRepo(stack.client, stack.repo);

    await stack.client.connect([conversationId]);
    await stack.client.send(conversationId, "Write a file @@write");
    const request = await stack.client.waitForEvent(conversationId, "permission.requested");
    await stack.client.answer(conversationId, request.request.id, { decision: "allow" });
    await stack.client.waitForEvent(conversationId, "turn.completed");
    expect(readFileSync(join(cwd, "hello.txt"), "utf8")).toBe("hello from chatml\n");

    const { p, d, close } = await openGitOnPhoneAndDesktop(stack.browser, stack.server, sessionId);
    try {
      const changes = p.getByRole("region", { name: "Changes" });
      await changes.getByText("hello.txt").waitFor({ timeout: 20_000 });
      await p.screenshot({ path: join(SHOTS, "git-phone-changes.png"), fullPage: true });
      // The user can scroll the panel down to the commit box (the phone's view clips what overflows).
      await p.setViewportSize({ width: 390, height: 560 });
      const panel = p.getByRole("region", { name: "Git" });
      await panel.hover();
      await p.mouse.wheel(0, 400);
      await expect.poll(() => panel.evaluate((e) => e.scrollTop), { timeout: 5_000 }).toBeGreaterThan(0);
      await p.setViewportSize({ width: 390, height: 844 });

      await p.getByRole("button", { name: "Stage hello.txt" }).click();
      await p.getByRole("region", { name: "Staged" }).getByText("hello.txt").waitFor();
      await d.getByRole("region", { name: "Staged" }).getByText("hello.txt").waitFor({ timeout: 20_000 });

      await p.getByRole("button", { name: "Draft with Claude" }).click();
      const message = p.getByRole("textbox", { name: "Commit message" });
      await expect.poll(() => message.inputValue(), { timeout: 60_000 }).toBe("Add hello.txt\n\nDrafted by the fake API from the staged diff.");
      const draftRequest = stack.api.requests.find((r) => JSON.stringify(r.body).includes("[chatml:commit-message]"));
      expect(JSON.stringify(draftRequest?.body)).toContain("+hello from chatml");
      await message.fill("Add hello.txt\n\nWritten by Claude, committed from a phone.");
      await p.getByRole("button", { name: "Commit", exact: true }).click();
      await d.getByTestId("git-head-subject").filter({ hasText: "Last commit: Add hello.txt" }).waitFor({ timeout: 20_000 });
      // Committed, the file is still marked in the file tree: the branch changed it since its base.
      const views = p.getByRole("navigation", { name: "Workbench views" });
      await views.getByRole("button", { name: "Files" }).click();
      await p.getByRole("tree", { name: "Files" }).getByRole("treeitem", { name: "hello.txt, changed on this branch" }).waitFor({ timeout: 15_000 });
      await views.getByRole("button", { name: "Git" }).click();

      // The history lists the commit as this session's own, not pushed yet; opened, it shows its files and patch.
      const commits = p.getByRole("list", { name: "Commits" });
      const newest = commits.getByRole("button", { name: /Add hello\.txt/ });
      await expect.poll(() => newest.textContent(), { timeout: 15_000 }).toMatch(/this session\s· not pushed/);
      await newest.click();
      await p.getByRole("list", { name: "Files in this commit" }).getByText("hello.txt").waitFor({ timeout: 10_000 });
      await p.getByRole("button", { name: "Show the patch" }).click();
      await p.getByLabel("Patch").getByText("+hello from chatml").waitFor({ timeout: 10_000 });
      await p.getByRole("region", { name: "History" }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: join(SHOTS, "git-phone-history.png") });

      await p.getByRole("button", { name: "Push (set upstream)" }).click();
      await d.getByTestId("git-upstream").filter({ hasText: "0 to push" }).waitFor({ timeout: 30_000 });
      // Read now: the first prompt may have named the branch since the session was made.
      const { branch } = (await stack.client.api<{ session: { branch: string } }>(`/api/sessions/${sessionId}`)).session;
      expect(await git(remote, ["log", "-1", "--format=%s", `refs/heads/${branch}`])).toBe("Add hello.txt");
      await d.getByText("Last push: done").waitFor({ timeout: 10_000 });
      await expect.poll(() => d.getByRole("list", { name: "Commits" }).getByRole("button", { name: /Add hello\.txt/ }).textContent(), { timeout: 10_000 }).not.toMatch(/not pushed/);
      // Nothing left to push: the push is no longer the panel's accent (it was while the branch had no upstream).
      await expect.poll(() => p.getByRole("button", { name: /^Push/ }).getAttribute("class")).not.toContain("bg-accent");
      // Push turned itself off while it ran and kept the focus it was tapped with (a disabled button dropped it to the page).
      expect(await p.evaluate(() => document.activeElement?.textContent ?? null)).toMatch(/^Push/);
      await p.screenshot({ path: join(SHOTS, "git-phone-pushed.png") });
      await d.getByRole("region", { name: "Git" }).scrollIntoViewIfNeeded();
      await d.screenshot({ path: join(SHOTS, "git-desktop-pushed.png") });

      // The base moves (someone commits to main): "behind" updates by itself; a rebase stops on the conflict, both
      // devices list it, and Abort puts the branch back.
      const head = await git(cwd, ["rev-parse", "HEAD"]);
      writeFileSync(join(stack.repo, "hello.txt"), "hello from main\n");
      await git(stack.repo, ["add", "hello.txt"]);
      await git(stack.repo, ["commit", "--quiet", "-m", "main says hello"]);
      await d.getByTestId("git-behind-base").filter({ hasText: "1 behind main" }).waitFor({ timeout: 20_000 });
      await p.getByRole("button", { name: "Pull & rebase onto main" }).click();
      const conflicts = d.getByRole("region", { name: "Conflicts" });
      await conflicts.getByText("hello.txt").waitFor({ timeout: 30_000 });
      await p.getByRole("region", { name: "Conflicts" }).getByText("hello.txt").waitFor({ timeout: 10_000 });
      await conflicts.scrollIntoViewIfNeeded();
      await d.screenshot({ path: join(SHOTS, "git-desktop-conflicts.png") });
      expect(await unnamedControls(d)).toEqual([]);
      // Its diff shows the markers with no hunk Stage or Discard: git applies no hunk of a conflict (it said "No valid patches").
      const unstaged = d.getByRole("region", { name: "Git" }).getByRole("region", { name: "Changes" });
      await unstaged.getByRole("button", { name: "Show the unstaged diff of hello.txt" }).click();
      await unstaged.getByText("In conflict: these are its conflict markers.", { exact: false }).waitFor({ timeout: 15_000 });
      expect(await unstaged.getByLabel("Lines of hunk 1").textContent()).toContain("<<<<<<<");
      expect(await unstaged.getByRole("button", { name: /hunk 1 of hello\.txt$/ }).count()).toBe(0);
      await d.screenshot({ path: join(SHOTS, "git-desktop-conflict-diff.png") });
      await unstaged.getByRole("button", { name: "Hide the unstaged diff of hello.txt" }).click();
      await p.getByRole("region", { name: "Conflicts" }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: join(SHOTS, "git-phone-conflicts.png") });
      expect(await unnamedControls(p)).toEqual([]);
      // A conflicted file opens in the editor from the Git panel, markers and all, on both devices.
      await d.getByRole("button", { name: "Open hello.txt in the editor" }).click();
      await d.locator(".cm-content").getByText("<<<<<<<").first().waitFor({ timeout: 15_000 });
      expect(await d.locator(".cm-content").textContent()).toMatch(/hello from main[\s\S]*=======[\s\S]*hello from chatml/);
      // Marker lines are decorated where the editor has measured them visible, which can come a frame after the text.
      await expect.poll(() => d.locator(".cm-conflict-marker").count()).toBe(3);
      await d.screenshot({ path: join(SHOTS, "git-desktop-conflict-editor.png") });
      expect(await unnamedControls(d)).toEqual([]);
      await d.getByRole("tab", { name: "Git" }).click();
      await p.getByRole("button", { name: "Open hello.txt in the editor" }).click();
      await p.locator(".cm-content").getByText(">>>>>>>").first().waitFor({ timeout: 15_000 });
      await p.screenshot({ path: join(SHOTS, "git-phone-conflict-editor.png") });
      await p.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Git" }).click();
      await p.getByRole("button", { name: "Abort rebase" }).click();
      await conflicts.waitFor({ state: "detached", timeout: 20_000 });
      expect(await git(cwd, ["rev-parse", "HEAD"])).toBe(head);

      // A slow remote: the push runs on both devices' screens and Cancel (from the phone) kills it; nothing is lost.
      const hookStarted = join(remote, "hook-started");
      writeFileSync(join(remote, "hooks", "pre-receive"), `#!/bin/sh\ntouch "${hookStarted}"\nsleep 30\n`);
      chmodSync(join(remote, "hooks", "pre-receive"), 0o755);
      writeFileSync(join(cwd, "second.txt"), "second\n");
      await git(cwd, ["add", "second.txt"]);
      await git(cwd, ["commit", "--quiet", "-m", "Add second.txt"]);
      await d.getByTestId("git-upstream").filter({ hasText: "1 to push" }).waitFor({ timeout: 20_000 });
      await p.getByRole("button", { name: /^Push/ }).click();
      await d.getByRole("status", { name: "push running" }).waitFor({ timeout: 20_000 });
      await p.getByRole("status", { name: "push running" }).scrollIntoViewIfNeeded();
      await p.screenshot({ path: join(SHOTS, "git-phone-push-running.png") });
      await p.getByRole("button", { name: "Cancel push" }).click();
      await d.getByText("Last push: cancelled").waitFor({ timeout: 20_000 });
      expect(await git(cwd, ["log", "-1", "--format=%s"])).toBe("Add second.txt");
      expect(await git(remote, ["log", "-1", "--format=%s", `refs/heads/${branch}`])).toBe("Add hello.txt");

      // Amending a pushed commit: both devices offer a force push (with lease), which asks first and replaces it.
      rmSync(join(remote, "hooks", "pre-receive"));
      await p.getByRole("button", { name: /^Push/ }).click();
      await d.getByTestId("git-upstream").filter({ hasText: "0 to push" }).waitFor({ timeout: 30_000 });
      await git(cwd, ["commit", "--quiet", "--amend", "-m", "Add second.txt, amended"]);
      await d.getByTestId("git-upstream").filter({ hasText: "1 to push · 1 to pull" }).waitFor({ timeout: 20_000 });
      const forcePush = p.getByTestId("force-push");
      await forcePush.getByText(/have diverged \(1 here, 1 there\)/).waitFor({ timeout: 20_000 });
      await forcePush.getByRole("button", { name: `Force push (with lease) to origin/${branch}` }).click();
      await forcePush.scrollIntoViewIfNeeded();
      await p.screenshot({ path: join(SHOTS, "git-phone-force-push-confirm.png") });
      await forcePush.getByRole("button", { name: `Replace origin/${branch}?` }).click();
      await d.getByTestId("git-upstream").filter({ hasText: "0 to push · 0 to pull" }).waitFor({ timeout: 30_000 });
      expect(await git(remote, ["log", "-1", "--format=%s", `refs/heads/${branch}`])).toBe("Add second.txt, amended");
      await d.getByText("Force-pushed").waitFor({ timeout: 10_000 });
      await d.getByTestId("force-push").waitFor({ state: "detached" });
    } finally {
      await close();
    }
  });
});
