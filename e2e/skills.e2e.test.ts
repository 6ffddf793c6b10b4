import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandCatalog, Message, Part, Skill } from "../shared/index.ts";
import { makeTempRepo } from "../server/git/test-support.ts";
import { unnamedControls } from "./support/accessible-names.ts";
import { cliBinPath, cliEnv, launchBrowser, REPO_ROOT, startChatml, startFakeApi, tempDir, type ChatmlServer, type FakeApi } from "./harness/index.ts";
import { SCREEN_SIZES, SignedInDevices } from "./support/signed-in-page.ts";
import { ChatmlClient } from "./support/chatml-client.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");

type ToolPart = Extract<Part, { kind: "tool" }>;

/** A project folder with a custom command whose body makes the fake API echo what it received. */
function projectWithCommand(): string {
  const dir = tempDir("chatml-skills-work");
  mkdirSync(join(dir, ".claude", "commands"), { recursive: true });
  writeFileSync(join(dir, ".claude", "commands", "greet.md"), "---\ndescription: Greet someone warmly\nargument-hint: <name>\n---\nPlease greet $ARGUMENTS warmly. @@remember\n");
  writeFileSync(join(dir, ".claude", "commands", "broken.md"), "---\ndescription: never closed\n");
  return dir;
}

/** Skills and custom commands invoked by `/` on both pinned CLIs; the catalog works before any CLI starts. */
describe.each(["2.1.119", "2.1.330"])("skills and commands on the real CLI %s", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let client: ChatmlClient;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-skills-home") });
    server = await startChatml({ dataDir: tempDir("chatml-skills-data"), claudeBin: cliBinPath(version), env });
    client = new ChatmlClient({ url: server.origin, token: server.token });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    await api?.stop();
  });

  const catalog = async (id: string) => (await client.api<{ catalog: CommandCatalog }>(`/api/conversations/${id}/commands`)).catalog;

  it("offers skills and project commands before the first message, then runs a custom command and a built-in skill", async () => {
    const folder = projectWithCommand();
    const conversation = await client.startInFolder(folder);
    const before = await catalog(conversation.id);
    expect(before.commands.find((c) => c.name === "greet")).toMatchObject({ description: "Greet someone warmly", argumentHint: "<name>" });
    expect(before.commands.find((c) => c.name === "tdd")?.argumentHint).toBe("<behaviour to build>");
    expect(before.commands.some((c) => c.name === "broken")).toBe(false);
    const { workspaces } = await client.api<{ workspaces: { id: string; path: string }[] }>("/api/workspaces");
    const workspaceId = workspaces.find((w) => w.path === folder)?.id;
    const { skills } = await client.api<{ skills: Skill[] }>(`/api/skills?workspaceId=${workspaceId}`);
    expect(skills.find((s) => s.id === "project-command:broken")?.problem).toMatch(/not closed/);

    await client.connect([conversation.id]);
    await client.send(conversation.id, "/greet Alice");
    await client.waitForEvent(conversation.id, "turn.completed");
    expect(client.assistantText(conversation.id)).toContain("Please greet Alice warmly.");

    await client.send(conversation.id, "/tdd a CSV parser @@remember");
    await client.waitUntil(() => client.list(conversation.id).filter((e) => e.type === "turn.completed").length === 2, 60_000, "second turn");
    expect(client.assistantText(conversation.id)).toMatch(/Build this behaviour test-first: a CSV parser @@remember/);
    const userTexts = client.list(conversation.id).flatMap((e) => (e.type === "message.created" && e.message.role === "user" ? e.message.parts : []));
    expect(userTexts.map((p) => (p.kind === "text" ? p.text : ""))).toContain("/tdd a CSV parser @@remember");
  });

  // A skill switched off while the CLI runs: ChatML's PreToolUse hook reads the switch at each call (ADR 0087b).
  it("refuses a skill switched off while the CLI runs to the model's Skill call, with why, and runs it again once switched on", async () => {
    const repo = await makeTempRepo("chatml-skills-repo-");
    mkdirSync(join(repo, ".claude", "skills", "greet"), { recursive: true });
    writeFileSync(join(repo, ".claude", "skills", "greet", "SKILL.md"), "---\nname: greet\ndescription: Say a greeting\n---\nSay hello warmly.\n");
    const { id, sessionId } = await client.startInFolder(repo);
    const { session } = await client.api<{ session: { workspaceId: string } }>(`/api/sessions/${sessionId}`);
    const switchGreet = (isEnabled: boolean) => client.api("/api/skills/enabled", { body: { workspaceId: session.workspaceId, skillId: "project-skill:greet", isEnabled } });
    client.disconnect();
    await client.connect([id]);
    const launches = () => client.list(id).filter((event) => event.type === "cli.capabilities.listed" || event.type === "process.exited").length;
    const lastSkillCall = async () => {
      const { messages } = await client.api<{ messages: Message[] }>(`/api/conversations/${id}/messages`);
      return messages.flatMap((message) => message.parts).filter((part): part is ToolPart => part.kind === "tool" && part.name === "Skill").at(-1);
    };

    await client.turnAllowingAll(id, "Greet me @@skill:greet");
    expect(await lastSkillCall()).toMatchObject({ status: "completed", input: { skill: "greet" } });
    const launchesBefore = launches();

    await switchGreet(false);
    await client.turnAllowingAll(id, "Greet me again @@skill:greet");
    const refused = await lastSkillCall();
    expect(refused?.status).toBe("failed");
    expect(refused?.result?.text).toContain('The skill "greet" was not run: it is switched off on the Skills screen for this workspace.');

    await switchGreet(true);
    await client.turnAllowingAll(id, "And once more @@skill:greet");
    expect(await lastSkillCall()).toMatchObject({ status: "completed" });
    // One process all along: the switch reached the CLI that was running, not a relaunched one.
    expect(launches()).toBe(launchesBefore);
  });

  it("keeps what this CLI version reported, so a new conversation lists its commands and models before it starts", async () => {
    const conversation = await client.startInFolder(tempDir("chatml-skills-fresh"));
    const cached = await catalog(conversation.id);
    expect(cached.cliVersion).toBe(version);
    expect(cached.commands.some((c) => c.name === "compact")).toBe(true);
    expect(cached.models.length).toBeGreaterThan(0);
    expect(cached.commands.some((c) => c.name === "review-code")).toBe(true);
  });
});

describe("the Skills screen and `/` autocomplete in the browser", () => {
  let api: FakeApi;
  let server: ChatmlServer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    const env = cliEnv({ apiUrl: api.url, home: tempDir("chatml-skills-ui-home") });
    server = await startChatml({ dataDir: tempDir("chatml-skills-ui-data"), claudeBin: cliBinPath("2.1.330"), env });
  });
  afterAll(async () => {
    await server?.stop();
    await api?.stop();
  });

  it("lists, previews, switches off and creates skills at phone and desktop sizes; `/` completes before the first message", async () => {
    const client = new ChatmlClient({ url: server.origin, token: server.token });
    const conversation = await client.startInFolder(projectWithCommand());
    const browser = await launchBrowser();
    // A phone and a desktop signed in once (ADR 0096); each step below starts on a device that kept nothing, as a new
    // browser context signed in again did (a `chatml login-link` process, a cold page cache and the worker's install).
    const devices = new SignedInDevices(browser, server);
    try {
      for (const [name] of SCREEN_SIZES) {
        const page = await devices.open(name, `#/c/${conversation.id}`);
        const box = page.getByRole("textbox", { name: "Message" });
        await box.waitFor({ timeout: 15_000 });
        await box.fill("/gr");
        await page.getByRole("option", { name: /\/greet/ }).waitFor({ timeout: 10_000 });
        await page.screenshot({ path: join(SHOTS, `skills-autocomplete-${name}.png`) });
        await box.fill("");

        await page.goto(`${server.origin}/#/skills`);
        await page.getByRole("searchbox", { name: "Search skills" }).fill("test");
        await page.getByRole("button", { name: "Preview /tdd" }).click();
        const preview = page.getByRole("region", { name: "Preview of /tdd" });
        await preview.getByText("failing test", { exact: false }).first().waitFor();
        // The skill's text is markdown: shown formatted (a numbered list, code), not as its source.
        await preview.getByRole("listitem").filter({ hasText: "Write ONE failing test" }).waitFor();
        await preview.locator("code", { hasText: "*.test.ts" }).waitFor();
        await page.screenshot({ path: join(SHOTS, `skills-preview-${name}.png`) });
        await page.getByRole("button", { name: "Close preview" }).click();
        await page.getByRole("searchbox", { name: "Search skills" }).fill("");
        await page.getByText("The front matter is not closed", { exact: false }).waitFor();
        await page.screenshot({ path: join(SHOTS, `skills-list-${name}.png`), fullPage: true });
        await devices.closePages();
      }

      const page = await devices.open("desktop", "#/skills");
      const toggle = page.getByRole("switch", { name: "Enable /pr" });
      await toggle.uncheck();
      await expect.poll(async () => (await client.api<{ catalog: CommandCatalog }>(`/api/conversations/${conversation.id}/commands`)).catalog.commands.some((c) => c.name === "pr")).toBe(false);
      await page.getByRole("button", { name: "New", exact: true }).click();
      await page.getByRole("textbox", { name: "Name" }).fill("ship");
      await page.getByRole("textbox", { name: "Description" }).fill("Ship a release");
      await page.getByRole("textbox", { name: "Instructions" }).fill("Release version $ARGUMENTS.");
      await page.screenshot({ path: join(SHOTS, "skills-editor-desktop.png") });
      expect(await unnamedControls(page)).toEqual([]);
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("region", { name: "Preview of /ship" }).waitFor();
      await page.getByRole("button", { name: "New", exact: true }).click();
      await page.getByRole("textbox", { name: "Name" }).fill("ship");
      await page.getByRole("textbox", { name: "Instructions" }).fill("Other text");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("alert").filter({ hasText: "already exists" }).waitFor();
      await devices.closePages();

      // Deleted on a phone, with a confirmation: the file goes and every device's list loses it; built-ins stay.
      const phone = { page: await devices.open("phone", "#/skills") };
      await phone.page.getByRole("button", { name: "Preview /tdd" }).click();
      await phone.page.getByRole("region", { name: "Preview of /tdd" }).waitFor();
      expect(await phone.page.getByRole("button", { name: "Delete /tdd" }).count()).toBe(0);
      await phone.page.getByRole("button", { name: "Close preview" }).click();
      await phone.page.getByRole("button", { name: "Preview /ship" }).click();
      const skillPath = async (skillName: string) => {
        const { workspaces } = await client.api<{ workspaces: { id: string }[] }>("/api/workspaces");
        const lists = await Promise.all(workspaces.map(async (w) => (await client.api<{ skills: Skill[] }>(`/api/skills?workspaceId=${w.id}`)).skills));
        return lists.flat().find((skill) => skill.name === skillName)?.path ?? "";
      };
      const shipPath = await skillPath("ship");
      expect(existsSync(shipPath)).toBe(true);
      await phone.page.getByRole("button", { name: "Delete /ship" }).click();
      const confirm = phone.page.getByRole("group", { name: "Confirm: Delete /ship" });
      await confirm.getByText(shipPath, { exact: false }).waitFor();
      await phone.page.screenshot({ path: join(SHOTS, "skills-delete-phone.png") });
      await confirm.getByRole("button", { name: "Delete Yes: Delete /ship" }).click();
      await phone.page.getByRole("button", { name: "Preview /ship" }).waitFor({ state: "detached" });
      await phone.page.getByRole("button", { name: "Preview /greet" }).waitFor();
      expect(existsSync(shipPath)).toBe(false);
    } finally {
      await devices.close();
      await browser.close();
    }
  });
});
