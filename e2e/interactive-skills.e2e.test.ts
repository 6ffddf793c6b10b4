import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeApi, type FakeApi } from "./fake-api/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { SignedInDevices } from "./support/signed-in-page.ts";
import { cliBinPath, cliEnv, markClaudeSetUp, launchBrowser, requestText, startChatml, tempDir, type ChatmlServer } from "./harness/index.ts";
import { openSessionTerminals, submitTuiPrompt } from "./support/terminals-page.ts";

const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();
/** The TUI's prompt box: the last line of the screen that starts with its `❯` (sent prompts above it keep theirs). */
const promptBoxOf = (screen: string) => screen.split("\n").findLast((line) => line.trimStart().startsWith("❯")) ?? "";
/** What each skill tells the model: in a request to the API only if that skill ran. */
const OFF_BODY = "Answer with the word lighthouse-" + "41.";
const ON_BODY = "Answer with the word harbour-" + "57.";

/** ChatML's refusal of a typed `/tide-table`, naming its own Skills screen (not the CLI's `/skills` or settings file). */
const REFUSAL = "/tide-table was not sent: it is switched off on the Skills screen";

// One browser for the file; each CLI version's server gets its own desktop, signed in once (ADR 0096).
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A skill switched off on ChatML's Skills screen, typed as `/name` straight into the real interactive TUI (not sent
 * from ChatML's composer) or called by its model, is refused on the oldest and the newest pinned CLI, with ChatML's
 * words, by the TUI's hooks (UserPromptSubmit, PreToolUse for Skill), which ask ChatML at each use; so a switch takes
 * effect both ways while the TUI runs: one switched back on runs at once (ADR 0092).
 */
describe.each(["2.1.119", "2.1.332"])("a skill switched off, typed into the interactive claude %s", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let devices: SignedInDevices;
  let client: ChatmlClient;
  let workspaceId: string;

  beforeAll(async () => {
    api = await startFakeApi({ port: 0 });
    const home = tempDir("chatml-tui-skills-home");
    const folder = realpathSync(tempDir("chatml-tui-skills-folder"));
    markClaudeSetUp(home, [folder]);
    for (const [name, body] of [["tide-table", OFF_BODY], ["harbour-map", ON_BODY]] as const) {
      mkdirSync(join(folder, ".claude", "skills", name), { recursive: true });
      writeFileSync(join(folder, ".claude", "skills", name, "SKILL.md"), `---\nname: ${name}\ndescription: Reads the ${name}\n---\n${body}\n`);
    }
    server = await startChatml({ dataDir: tempDir("chatml-tui-skills-data"), claudeBin: cliBinPath(version), env: cliEnv({ apiUrl: api.url, home }) });
    devices = new SignedInDevices(browser, server);
    client = new ChatmlClient({ url: server.origin, token: server.token });
    const { workspace, session } = await client.api<{ workspace: { id: string }; session: { id: string } }>("/api/start", { method: "POST", body: { path: folder } });
    await client.api("/api/skills/enabled", { body: { workspaceId: workspace.id, skillId: "project-skill:tide-table", isEnabled: false } });
    Object.assign(server, { sessionId: session.id });
    workspaceId = workspace.id;
  });

  afterAll(async () => {
    await devices?.close();
    await server?.stop();
    await api?.stop();
  });

  it("is refused with why in the TUI and to its model; switched back on it runs; switched off it is refused again", async () => {
    const { sessionId } = server as ChatmlServer & { sessionId: string };
    const page = await openSessionTerminals(devices.open("desktop", "#/"), server.origin, sessionId);
    await page.getByRole("button", { name: "+ Claude" }).click();
    await expect.poll(() => screenOf(page), { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    const ran = (body: string) => api.requests.some((r) => requestText(r).includes(body));
    // Enter only once the TUI shows what was typed: keys typed faster than a person are a paste to the TUI by their
    // timing, and an Enter among them is a newline, so the prompt was never sent (2.1.119's last poll failed so once).
    // The text counts as shown when it is on the screen once more than before typing: "/tide-table" typed a second
    // time was "shown" at once by the first one and its refusal, and under load Enter beat the echo (CI, twice).
    const submit = (text: string) => submitTuiPrompt(page, text);
    const typeSkill = (name: string) => submit(`/${name}`);
    const refusedToModel = (name: string, from: number) => api.requests.slice(from).some((r) => requestText(r).includes(`The skill \\"${name}\\" was not run: it is switched off on the Skills screen`));
    // 2.1.119 once took the Enter after "@@skill:harbour-map now" as choosing a completion for the last word (CI: its
    // box then read "@@skill:harbour-map .claude/", unsent, and the refusal never came): while the box at the bottom
    // still holds the call, Enter again. A sent prompt leaves the box empty, so nothing is sent twice.
    const refusedOnceSent = async (name: string, from: number) => {
      if (refusedToModel(name, from)) return true;
      if (promptBoxOf(await screenOf(page)).includes(`@@skill:${name}`)) await page.keyboard.press("Enter");
      return false;
    };
    await typeSkill("tide-table");
    await expect.poll(async () => (await screenOf(page)).replace(/\s+/g, " "), { timeout: 30_000 }).toContain(REFUSAL);
    expect(ran(OFF_BODY)).toBe(false);
    // The model's own Skill call of a skill off since before the TUI started is refused too, with why.
    await submit("@@skill:tide-table please");
    await expect.poll(() => refusedOnceSent("tide-table", 0), { timeout: 60_000, interval: 2_000 }).toBe(true);
    expect(ran(OFF_BODY)).toBe(false);

    // Switched back on while this TUI runs, it runs when typed (nothing read at launch keeps it off).
    await client.api("/api/skills/enabled", { body: { workspaceId, skillId: "project-skill:tide-table", isEnabled: true } });
    await typeSkill("tide-table");
    await expect.poll(() => ran(OFF_BODY), { timeout: 60_000 }).toBe(true);
    await typeSkill("harbour-map");
    await expect.poll(() => ran(ON_BODY), { timeout: 60_000 }).toBe(true);

    // Switched off while this TUI runs (its skillOverrides were read at launch, with the skill on), the model's own
    // Skill call is refused by the TUI's PreToolUse hook, with why (ADR 0087b): the refusal is the tool's result.
    await client.api("/api/skills/enabled", { body: { workspaceId, skillId: "project-skill:harbour-map", isEnabled: false } });
    const requestsBefore = api.requests.length;
    await submit("@@skill:harbour-map now");
    await expect.poll(() => refusedOnceSent("harbour-map", requestsBefore), { timeout: 60_000, interval: 2_000 }).toBe(true);
  });
});
