import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { commitFile, makeTempRepo } from "../server/git/test-support.ts";
import { REPO_ROOT } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { signedInStack } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "editor-kept-edits");

/** Opens `name` in the editor from the Files view (a phone's full-screen view, a desktop's side-panel tab). */
async function openFile(page: Page, name: string): Promise<void> {
  const phoneTab = page.getByRole("navigation", { name: "Workbench views" }).getByRole("button", { name: "Files" });
  await phoneTab.or(page.getByRole("tab", { name: "Files" })).first().click({ timeout: 20_000 });
  await page.getByRole("searchbox", { name: "Go to file" }).fill(name);
  await page.getByRole("list", { name: "Matching files" }).getByRole("button", { name }).click();
}

/** Saves of files fail as if the phone lost its connection; everything else goes through. */
async function refuseSaves(context: BrowserContext): Promise<void> {
  await context.route("**/files/content**", (route) => (route.request().method() === "PUT" ? route.abort("internetdisconnected") : route.continue()));
}

/**
 * Unsaved editor edits lived only in the page's memory: a phone that discarded the tab (or a reload) lost them. Kept
 * on the device now (ADR 0160): they come back, said to be restored, until saved or discarded; if the file changed on
 * disk meanwhile they come back with the conflict instead of over the disk's text.
 */
describe("the editor's unsaved edits survive the page (phone 390×844)", () => {
  const stack = signedInStack("chatml-kept-edits", SHOTS);

  it("come back after a reload and in a new page, and go once saved", async () => {
    const repo = await makeTempRepo();
    await commitFile(repo, "notes.txt", "first line\n");
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const session = await sessionInRepo(client, repo, "kept");
    const page = await stack.devices.open("phone", `#/s/${session.id}`);
    const context = page.context();
    page.on("dialog", (dialog) => void dialog.accept());
    await openFile(page, "notes.txt");
    await page.locator(".cm-content").getByText("first line").waitFor({ timeout: 15_000 });

    await refuseSaves(context);
    await page.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("typed on the train");
    await page.getByText("Cannot reach the ChatML server").waitFor({ timeout: 15_000 });

    await page.reload();
    await openFile(page, "notes.txt");
    const restored = page.getByRole("status").filter({ hasText: "Unsaved changes restored" });
    await restored.waitFor({ timeout: 15_000 });
    await page.locator(".cm-content").getByText("typed on the train").waitFor();
    expect(await page.getByTestId("save-status").textContent()).toBe("Unsaved");
    await page.screenshot({ path: join(SHOTS, "phone-restored.png") });

    const second = await context.newPage();
    second.on("dialog", (dialog) => void dialog.accept());
    await second.goto(`${stack.server.origin}/#/s/${session.id}`);
    await openFile(second, "notes.txt");
    await second.getByRole("status").filter({ hasText: "Unsaved changes restored" }).waitFor({ timeout: 15_000 });
    await second.locator(".cm-content").getByText("typed on the train").waitFor();
    await second.close();

    await context.unrouteAll();
    await page.getByRole("button", { name: "Save the restored changes to notes.txt" }).tap();
    await expect.poll(() => readFileSync(join(session.cwd, "notes.txt"), "utf8"), { timeout: 15_000 }).toBe("first line\ntyped on the train");
    await restored.waitFor({ state: "detached", timeout: 15_000 });

    await page.reload();
    await openFile(page, "notes.txt");
    await page.locator(".cm-content").getByText("typed on the train").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("save-status").textContent()).not.toBe("Unsaved");
    expect(await page.getByText("Unsaved changes restored").count()).toBe(0);
    await stack.devices.closePages();
  });

  it("do not overwrite a change made on disk meanwhile: they come back with the conflict", async () => {
    const repo = await makeTempRepo();
    await commitFile(repo, "plan.md", "step one\n");
    const client = new ChatmlClient({ url: stack.server.origin, token: stack.server.token });
    const session = await sessionInRepo(client, repo, "kept-conflict");
    const page = await stack.devices.open("phone", `#/s/${session.id}`);
    const context = page.context();
    await openFile(page, "plan.md");
    await page.locator(".cm-content").getByText("step one").waitFor({ timeout: 15_000 });

    await refuseSaves(context);
    await page.locator(".cm-content").click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("my step two");
    await page.getByText("Cannot reach the ChatML server").waitFor({ timeout: 15_000 });
    // The page goes away (the phone discards the tab), then Claude writes the file.
    page.on("dialog", (dialog) => void dialog.accept());
    await page.close({ runBeforeUnload: false });
    await context.unrouteAll();
    writeFileSync(join(session.cwd, "plan.md"), "step one\nClaude's step two\n");

    const reopened = await context.newPage();
    await reopened.goto(`${stack.server.origin}/#/s/${session.id}`);
    await openFile(reopened, "plan.md");
    await reopened.getByRole("alert").filter({ hasText: "changed on disk since this device kept your unsaved edits" }).waitFor({ timeout: 15_000 });
    await reopened.getByRole("status").filter({ hasText: "Unsaved changes restored" }).waitFor();
    await reopened.locator(".cm-content").getByText("my step two").waitFor();
    expect(await reopened.getByTestId("save-status").textContent()).toBe("Not saved");
    await reopened.screenshot({ path: join(SHOTS, "phone-restored-conflict.png") });
    await reopened.locator(".cm-content").click();
    await reopened.keyboard.type("!");
    await reopened.getByTestId("save-status").filter({ hasText: "Not saved" }).waitFor();
    expect(readFileSync(join(session.cwd, "plan.md"), "utf8")).toBe("step one\nClaude's step two\n");

    await reopened.getByRole("button", { name: "Discard the restored changes to plan.md" }).tap();
    await reopened.getByRole("button", { name: /^Throw away my edits\? Yes: Discard the restored changes/ }).tap();
    await reopened.locator(".cm-content").getByText("Claude's step two").waitFor({ timeout: 15_000 });
    expect(await reopened.getByText("Unsaved changes restored").count()).toBe(0);
    await reopened.reload();
    await openFile(reopened, "plan.md");
    await reopened.locator(".cm-content").getByText("Claude's step two").waitFor({ timeout: 15_000 });
    expect(await reopened.getByText("Unsaved changes restored").count()).toBe(0);
    await stack.devices.closePages();
  });
});
