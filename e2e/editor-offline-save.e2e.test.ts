import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitFile, makeTempRepo } from "../server/git/test-support.ts";
import { cliBinPath, REPO_ROOT, startChatml, type ChatmlServer, type FakeApi, startStack, stopStack } from "./harness/index.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { sessionInRepo } from "./support/repo-session.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots", "editor-offline-save");

/**
 * Typing in the editor while the server is down: the save fails and the editor says "ChatML keeps trying". It did not:
 * once the server was back the edits stayed unsaved (and the red error stayed) until the next keystroke, so a user who
 * believed the message and walked away never had them on disk.
 */
describe("the editor's edits made while the server was down (desktop 1440×900)", () => {
  let api: FakeApi;
  let server: ChatmlServer;
  let browser: Browser;
  let devices: SignedInDevices;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ({ api, server, browser, dataDir, env } = await startStack("chatml-offline-save"));
    devices = new SignedInDevices(browser, server);
  });

  afterAll(async () => {
    await devices?.close();
    await stopStack({ api, server, browser });
  });

  it("are saved once the server is back, without another keystroke", async () => {
    const repo = await makeTempRepo();
    await commitFile(repo, "notes.txt", "first line\n");
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const session = await sessionInRepo(client, repo, "offline");
    const { conversations } = await client.api<{ conversations: { id: string; kind: string }[] }>(`/api/conversations?sessionId=${session.id}`);
    const page = await devices.open("desktop", `#/c/${conversations.find((c) => c.kind === "task")?.id ?? ""}`);

    await page.getByRole("tab", { name: "Files" }).click();
    await page.getByRole("searchbox", { name: "Go to file" }).fill("notes");
    await page.getByRole("list", { name: "Matching files" }).getByRole("button", { name: "notes.txt" }).click();
    const editor = page.locator(".cm-content");
    // The open file's editor: its status line, its error, its text.
    const fileEditor = page.locator("div.flex-col", { has: page.getByTestId("save-status") }).last();
    await editor.getByText("first line").waitFor({ timeout: 15_000 });

    server.kill("SIGKILL");
    await server.proc.exited;
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("typed while the server was down");
    await fileEditor.getByText("Cannot reach the ChatML server").waitFor({ timeout: 15_000 });
    expect(await page.getByTestId("save-status").textContent()).toBe("Unsaved");

    server = await startChatml({ dataDir, claudeBin: cliBinPath("2.1.330"), env, port: server.port });
    await expect.poll(() => readFileSync(join(session.cwd, "notes.txt"), "utf8"), { timeout: 30_000 }).toBe("first line\ntyped while the server was down");
    await expect.poll(() => page.getByTestId("save-status").textContent(), { timeout: 15_000 }).toBe("Saved");
    await expect.poll(() => fileEditor.getByText("Cannot reach the ChatML server").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "desktop-saved-after-restart.png") });
  });
});
