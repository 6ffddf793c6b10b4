import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commitFile, makeTempRepo } from "../server/git/test-support.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatPage } from "./support/chat-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "editor-undo");
/** What Claude's command writes over the open file. */
const CLAUDES_TEXT = "hello, written by Claude\n";

/**
 * Undo in the editor undoes the user's typing, never a change that reached the file from outside: Claude wrote the
 * open file, the clean editor followed the disk, and a Ctrl+Z meant for the user's own last words used to put the
 * file back as it was before Claude's write, and the auto-save wrote that over Claude's work without a word.
 */
describe("the editor's undo (desktop 1440×900)", () => {
  const stack = signedInStack("chatml-undo", SHOTS);

  it("keeps what Claude wrote to the open file when the user presses Ctrl+Z", async () => {
    const { server, devices } = stack;
    const repo = await makeTempRepo();
    await commitFile(repo, "hello.txt", "hello from the repo\n");
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const session = await sessionInRepo(client, repo, "undo");
    const { conversations } = await client.api<{ conversations: { id: string; kind: string }[] }>(`/api/conversations?sessionId=${session.id}`);
    const page = await devices.open("desktop", `#/c/${conversations.find((c) => c.kind === "task")?.id ?? ""}`);
    const onDisk = () => readFileSync(join(session.cwd, "hello.txt"), "utf8");

    await page.getByRole("tab", { name: "Files" }).click();
    await page.getByRole("searchbox", { name: "Go to file" }).fill("hello");
    await page.getByRole("list", { name: "Matching files" }).getByRole("button", { name: "hello.txt" }).click();
    const editor = page.locator(".cm-content");
    await editor.getByText("hello from the repo").waitFor({ timeout: 15_000 });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("typed by me");
    await expect.poll(onDisk, { timeout: 15_000 }).toBe("hello from the repo\ntyped by me");
    await expect.poll(() => page.getByTestId("save-status").textContent()).toBe("Saved");

    // Claude rewrites the file; the editor, with nothing unsaved, shows Claude's text.
    const chat = new ChatPage(page);
    await chat.send(`@@sh:${Buffer.from(`printf '${CLAUDES_TEXT}' > hello.txt`).toString("base64url")} rewrite the greeting`);
    await chat.allowUntilTurns(1);
    expect(onDisk()).toBe(CLAUDES_TEXT);
    await editor.getByText("written by Claude").waitFor({ timeout: 15_000 });

    // Ctrl+Z, then a word typed at the end: the save of that word shows what the undo left (a save is awaited, not a pause).
    await editor.click();
    await page.keyboard.press("ControlOrMeta+z");
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("after undo");
    await expect.poll(onDisk, { timeout: 15_000 }).toContain("after undo");
    await page.screenshot({ path: join(SHOTS, "desktop-after-undo.png") });
    expect(onDisk()).toBe(`${CLAUDES_TEXT}after undo`);
    // The user's own typing is still undone, and saved so.
    await page.keyboard.press("ControlOrMeta+z");
    await expect.poll(onDisk, { timeout: 15_000 }).toBe(CLAUDES_TEXT);
  });
});
