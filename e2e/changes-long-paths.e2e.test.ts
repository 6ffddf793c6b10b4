import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { makeTempRepo } from "../server/git/test-support.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "changes-long-paths");
const FOLDER = "src/components/very-long-directory-name-for-testing/another-nested-folder";
const NAME = "settings-button.tsx";

/** Whether the last character of `name` inside `row` is drawn inside the box that clips it (not cut off by an ellipsis). */
function isNameInSight(row: Locator, name: string): Promise<boolean> {
  return row.evaluate((element, fileName) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.lastIndexOf(fileName) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + fileName.length - 1);
      range.setEnd(node, at + fileName.length);
      const last = range.getBoundingClientRect();
      let clip = node.parentElement;
      while (clip && getComputedStyle(clip).overflowX === "visible") clip = clip.parentElement;
      const box = (clip ?? element).getBoundingClientRect();
      return last.width > 0 && last.right <= box.right + 0.5;
    }
    return false;
  }, name);
}

/**
 * A file deep in folders, on a phone: the Changes list and the Git panel's list show its name, cutting the folders;
 * each row's accessible name still holds the whole path.
 */
describe("a long path in the lists of changed files (phone 390×844)", () => {
  const stack = signedInStack("chatml-long-paths", SHOTS);

  it("keeps the file name in sight and cuts the folders", async () => {
    const { server, devices } = stack;
    const repo = await makeTempRepo();
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const session = await sessionInRepo(client, repo, "paths");
    mkdirSync(join(session.cwd, FOLDER), { recursive: true });
    writeFileSync(join(session.cwd, FOLDER, NAME), "export {};\n");
    const { conversations } = await client.api<{ conversations: { id: string; kind: string }[] }>(`/api/conversations?sessionId=${session.id}`);
    const phone = await devices.open("phone", `#/c/${conversations.find((c) => c.kind === "task")?.id ?? ""}`);
    const views = phone.getByRole("navigation", { name: "Workbench views" });

    await views.getByRole("button", { name: "Changes" }).click();
    const changed = phone.getByRole("list", { name: "Changed files" }).getByRole("button", { name: new RegExp(`${FOLDER}/${NAME}`.replaceAll(".", "\\.")) });
    // Its name is the path whole, as a screen reader says it.
    await changed.waitFor({ timeout: 20_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-changes.png") });
    expect(await isNameInSight(changed, NAME)).toBe(true);

    await views.getByRole("button", { name: "Git" }).click();
    const unstaged = phone.getByRole("button", { name: `Show the unstaged diff of ${FOLDER}/${NAME}` });
    await unstaged.waitFor({ timeout: 20_000 });
    await phone.screenshot({ path: join(SHOTS, "phone-git.png") });
    expect(await isNameInSight(unstaged, NAME)).toBe(true);
  });
});
