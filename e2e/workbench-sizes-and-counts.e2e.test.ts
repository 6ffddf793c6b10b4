import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { git } from "../server/git/index.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import type { Session } from "../shared/protocol/model.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { showGitPanel } from "./support/git-panel.ts";
import { pollUntil } from "./support/poll-until.ts";
import { SCREEN_SIZES, SignedInDevices } from "./support/signed-in-page.ts";
import { REPO_ROOT, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
/** 2,100 files in many/, one in other/, and the binary file: past the listing's 2,000. */
const CHANGED = 2_102;

describe("the workbench past what it lists, and a binary file's sizes in the Git panel", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let repo: string;
  let client: ChatmlClient;
  let sessionId: string;
  let cwd: string;
  let devices: SignedInDevices;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser } = await startStack("chatml-wb-sizes"));
    repo = await makeTempRepo();
    writeFileSync(join(repo, "logo.bin"), new Uint8Array(100));
    // other/Needle.txt's text: deleted in the session, it makes that file (past the 2,000 listed) a rename.
    mkdirSync(join(repo, "old"));
    writeFileSync(join(repo, "old", "needle-was.txt"), "found\n");
    await git(repo, ["add", "logo.bin", "old/needle-was.txt"]);
    await git(repo, ["commit", "--quiet", "-m", "add logo"]);
    client = new ChatmlClient({ url: server.origin, token: server.token });
    // A phone and a desktop signed in once for the file: a sign-in per test cost a `chatml login-link` process, a cold
    // page cache and the service worker's install (ADR 0096). Each test still starts on a device that kept nothing.
    devices = new SignedInDevices(browser, server);
    const { workspace } = await client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: repo } });
    const created = await client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id } });
    sessionId = created.session.id;
    const readSession = async () => (await client.api<{ session: Session }>(`/api/sessions/${sessionId}`)).session;
    await pollUntil(readSession, (session) => session.setup?.status === "ready", "the session's setup", 60_000);
    cwd = (await readSession()).cwd;
    // Staged: 100 bytes → 2,500; not staged: 2,500 → 1,200.
    writeFileSync(join(cwd, "logo.bin"), new Uint8Array(2_500));
    await git(cwd, ["add", "logo.bin"]);
    writeFileSync(join(cwd, "logo.bin"), new Uint8Array(1_200));
    // Written by this process in a loop: no git process per file.
    mkdirSync(join(cwd, "many"));
    mkdirSync(join(cwd, "other"));
    for (let i = 0; i < 2_100; i++) writeFileSync(join(cwd, "many", `f${String(i).padStart(4, "0")}.txt`), `${i}\n`);
    writeFileSync(join(cwd, "other", "Needle.txt"), "found\n");
    await pollUntil(readSession, (session) => session.git?.fileCount === CHANGED, `a header count of ${CHANGED}`, 60_000);
  });

  afterEach(async () => {
    await devices.closePages();
  });

  afterAll(async () => {
    client?.disconnect();
    await devices?.close();
    await stopStack({ api, server, browser });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it.each(SCREEN_SIZES)("on a %s: the Git panel says a binary file's sizes, staged and not; the Changes list says 2,000 of how many and finds the rest", async (name) => {
    const page = await devices.open(name, `#/s/${sessionId}`);
    await showGitPanel(page);
    const git = page.getByRole("region", { name: "Git" });
    await git.getByRole("button", { name: "Show the staged diff of logo.bin" }).click();
    await git.getByRole("region", { name: "Staged" }).getByText("Before: 100 bytes · After: 2.4 KB (2.3 KB larger)").waitFor({ timeout: 20_000 });
    await git.getByRole("button", { name: "Show the unstaged diff of logo.bin" }).click();
    await git.getByText("Before: 2.4 KB · After: 1.2 KB (1.3 KB smaller)").waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, `git-binary-sizes-${name}.png`) });
    expect(await unnamedControls(page)).toEqual([]);

    if (name === "phone") await page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
    else await page.getByRole("tab", { name: "Changes" }).click();
    await page.getByRole("radio", { name: "Uncommitted" }).click();
    const listed = page.getByTestId("listed-count");
    await expect.poll(() => listed.textContent(), { timeout: 30_000 }).toBe(`Listing 2,000 of 2,102 changed files: filter by path to find the rest.`);
    // The header counts every file the list is taken from, not the 2,000 it shows (a phone's header keeps it folded).
    await page.getByText(`${CHANGED.toLocaleString("en-US")} files`).first().waitFor({ state: "attached", timeout: 20_000 });
    await page.screenshot({ path: join(SHOTS, `changes-past-2000-${name}.png`) });
    await page.getByRole("searchbox", { name: "Part of a path to list" }).fill("needle");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /other\/Needle\.txt/ }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId("changed-file").count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, `changes-filtered-${name}.png`) });
    expect(await unnamedControls(page)).toEqual([]);
  });

  it.each(SCREEN_SIZES)("on a %s: the Files tree marks every changed file, past the 2,000 listed and the 300 in the header's state", async (name) => {
    const page = await devices.open(name, `#/s/${sessionId}`);
    await showGitPanel(page);
    if (name === "phone") await page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Files" }).click();
    else await page.getByRole("tab", { name: "Files" }).click();
    const tree = page.getByRole("tree", { name: "Files" });
    await tree.getByRole("button", { name: "other, has changes", exact: true }).click({ timeout: 30_000 });
    await tree.getByRole("button", { name: "Needle.txt, untracked", exact: true }).waitFor({ timeout: 20_000 });
    await tree.getByRole("button", { name: "many, has changes", exact: true }).click();
    // Past the 2,000 listed; and past the 300 of the session's state, which read as committed on the branch ("•").
    await tree.getByRole("button", { name: "f2099.txt, untracked", exact: true }).waitFor({ timeout: 20_000 });
    expect(await tree.getByRole("button", { name: "f0500.txt, untracked", exact: true }).count()).toBe(1);
    await tree.getByRole("button", { name: "Needle.txt, untracked", exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `files-tree-past-2000-${name}.png`) });
  });

  it.each(SCREEN_SIZES)("on a %s: the whole review opens every file, loading the next ones as its end scrolls near", async (name) => {
    const page = await devices.open(name, `#/s/${sessionId}`);
    await showGitPanel(page);
    if (name === "phone") await page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Changes" }).click();
    else await page.getByRole("tab", { name: "Changes" }).click();
    await page.getByRole("radio", { name: "Uncommitted" }).click();
    await page.getByRole("button", { name: `Review all 2,102 files` }).click({ timeout: 30_000 });
    const count = page.getByTestId("review-count");
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe("2,000 of 2,102 changed files");
    await page.screenshot({ path: join(SHOTS, `review-first-page-${name}.png`) });
    // Scrolled to its end once, the review loads the rest by itself: other/Needle.txt is the last file. (Scrolling
    // again until it showed waited out 5 s whenever the button had gone by the time it was looked for.)
    const needle = page.getByRole("region", { name: "other/Needle.txt" });
    await page.getByRole("button", { name: "Load the next 102 files" }).scrollIntoViewIfNeeded();
    await needle.waitFor({ timeout: 30_000 });
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe("2,102 changed files");
    await needle.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `review-past-2000-${name}.png`) });
    expect(await unnamedControls(page)).toEqual([]);
  });

  // Last: it makes other/Needle.txt a rename.
  it("a diff opened through the filter past the first 2,000 follows its file becoming a rename", async () => {
    const page = await devices.open("desktop", `#/s/${sessionId}`);
    await showGitPanel(page);
    await page.getByRole("tab", { name: "Changes" }).click();
    await page.getByRole("radio", { name: "Uncommitted" }).click();
    await page.getByRole("searchbox", { name: "Part of a path to list" }).fill("other/needle");
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await page.getByRole("list", { name: "Changed files" }).getByRole("button", { name: /other\/Needle\.txt/ }).click({ timeout: 20_000 });
    await page.getByRole("tab", { name: "Δ Needle.txt uncommitted (other/Needle.txt)" }).waitFor({ timeout: 20_000 });
    // Its text was old/needle-was.txt's: with that file gone, git sees the new file as that one renamed.
    rmSync(join(cwd, "old", "needle-was.txt"));
    await page.getByText("old/needle-was.txt → other/Needle.txt", { exact: true }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, `diff-rename-past-2000-desktop.png`) });
  });
});
