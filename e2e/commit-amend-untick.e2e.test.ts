import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { git } from "../server/git/git.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "commit-amend");

/**
 * Ticking Amend fills the message box with the last commit's message; a user who then changed their mind and unticked
 * it kept that message in the box (and on this device, across reloads), and the next Commit made a second commit
 * named like the one before it.
 */
describe("unticking Amend on a phone (390×844)", () => {
  const stack = signedInStack("chatml-amend", SHOTS);

  it("takes back the last commit's message it filled in, and keeps a message the user wrote", async () => {
    const { server, devices } = stack;
    const repo = await makeTempRepo();
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const session = await sessionInRepo(client, repo, "amend");
    const { conversations } = await client.api<{ conversations: { id: string; kind: string }[] }>(`/api/conversations?sessionId=${session.id}`);
    writeFileSync(join(session.cwd, "notes.txt"), "new notes\n");
    const phone = await devices.open("phone", `#/c/${conversations.find((c) => c.kind === "task")?.id ?? ""}`);

    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Git" }).click();
    const git_ = phone.getByRole("region", { name: "Git" });
    await git_.getByRole("button", { name: "Stage notes.txt" }).click({ timeout: 20_000 });
    await git_.getByRole("heading", { name: "Staged (1)" }).waitFor({ timeout: 15_000 });
    const message = git_.getByRole("textbox", { name: "Commit message" });
    const amend = git_.getByRole("checkbox", { name: "Amend last commit" });
    await amend.check();
    await expect.poll(() => message.inputValue(), { timeout: 15_000 }).toBe("first");
    // A reload comes back with Amend off, and without the message Amend filled in.
    await phone.reload();
    await phone.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Git" }).click();
    await git_.getByRole("heading", { name: "Staged (1)" }).waitFor({ timeout: 15_000 });
    expect(await amend.isChecked()).toBe(false);
    expect(await message.inputValue()).toBe("");
    await amend.check();
    await expect.poll(() => message.inputValue(), { timeout: 15_000 }).toBe("first");
    await amend.uncheck();
    await expect.poll(() => message.inputValue()).toBe("");
    await phone.screenshot({ path: join(SHOTS, "phone-amend-unticked.png") });

    // A message the user wrote stays when Amend goes off: only the one Amend filled in is taken back.
    await message.fill("Add the notes");
    await amend.check();
    await amend.uncheck();
    expect(await message.inputValue()).toBe("Add the notes");
    await git_.getByRole("button", { name: "Commit", exact: true }).click();
    await expect.poll(async () => (await git(session.cwd, ["log", "-1", "--format=%s"])).trim(), { timeout: 15_000 }).toBe("Add the notes");
  });
});
