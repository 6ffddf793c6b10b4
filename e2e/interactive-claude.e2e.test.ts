import { mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeApi, type FakeApi } from "./fake-api/server.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { REPO_ROOT, cliBinPath, cliEnv, markClaudeSetUp, launchBrowser, requestText, startChatml, tempDir, type ChatmlServer } from "./harness/index.ts";
import { openSessionTerminals } from "./support/terminals-page.ts";

const SHOTS = join(REPO_ROOT, ".artifacts", "screenshots");
const screenOf = (page: Page) => page.getByTestId("terminal-screen").locator(".xterm-rows").innerText();

/**
 * The real interactive `claude` TUI of each pinned CLI in a session terminal, against the fake API: a Bash call
 * asks permission through the PermissionRequest hook, the card shows on a phone and a desktop, Allow on the phone
 * lets the TUI run the command.
 */
const VERSIONS = ["2.1.330", "2.1.119"];
const DESKTOP = { viewport: { width: 1440, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// One browser for the file, launched beside the first version's server (each waits on its own process's start); each
// CLI version's server gets a desktop and a phone signed in once, whose pages each test opens (and closes after it): a
// sign-in link per page cost a `chatml login-link` process and a cold page cache.
let browser: Browser;
let browserLaunch: Promise<Browser> | undefined;
const fileBrowser = (): Promise<Browser> => (browserLaunch ??= launchBrowser());
afterAll(async () => {
  await (await browserLaunch?.catch(() => undefined))?.close();
});

describe.each(VERSIONS)("interactive claude %s with approvals from the phone", (version) => {
  let api: FakeApi;
  let server: ChatmlServer;
  let desktopContext: BrowserContext;
  let phoneContext: BrowserContext;
  let sessionId = "";
  let client: ChatmlClient;
  let env: Record<string, string> = {};
  let folder = "";
  let home = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startFakeApi({ port: 0 });
    home = tempDir("chatml-interactive-home");
    folder = realpathSync(tempDir("chatml-interactive-folder"));
    // The user's own Claude Code state: signed in with an API key, this folder trusted, prompts before tool use, and
    // 2.1.330's startup offer of auto mode seen (it would take keys typed into a TUI at its first start; the test that
    // types while it shows brings it back).
    markClaudeSetUp(home, [folder]);
    mkdirSync(join(home, ".claude"), { recursive: true });
    writeFileSync(join(home, ".claude", "settings.json"), JSON.stringify({ permissions: { defaultMode: "default" } }));
    env = cliEnv({ apiUrl: api.url, home });
    // AI titles off (the harness's default, ADR 0203): only the outside-sessions test needs one, and turns them on.
    const starting = startChatml({ dataDir: tempDir("chatml-interactive-data"), claudeBin: cliBinPath(version), env });
    // A browser that failed to launch stops the server started beside it (the file's afterAll closes the browser).
    const launched = fileBrowser().catch(async (error: unknown) => {
      await (await starting.catch(() => undefined))?.stop();
      throw error;
    });
    [server, browser] = await Promise.all([starting, launched]);
    [desktopContext, phoneContext] = [await signedIn(server, DESKTOP), await signedIn(server, PHONE)];
    client = new ChatmlClient({ url: server.origin, token: server.token });
    sessionId = (await client.api<{ session: { id: string } }>("/api/start", { method: "POST", body: { path: folder } })).session.id;
  });

  // Each test starts with no terminals (a session holds at most five), also none in a session a test started itself:
  // a TUI left starting there took the cores from the next test.
  afterEach(async () => {
    for (const page of [...desktopContext.pages(), ...phoneContext.pages()]) await page.close();
    const { sessions } = await client.api<{ sessions: { id: string }[] }>("/api/sessions");
    for (const session of sessions) {
      const { terminals } = await client.api<{ terminals: { id: string }[] }>(`/api/sessions/${session.id}/terminals`);
      for (const t of terminals) await client.api(`/api/terminals/${t.id}`, { method: "DELETE" });
    }
  });

  afterAll(async () => {
    await desktopContext?.close();
    await phoneContext?.close();
    await server?.stop();
    await api?.stop();
  });

  it("a Bash call in the TUI waits for Allow in its conversation on the phone, then runs and is mirrored", async () => {
    const d = await openSessionTerminals(desktopContext.newPage(), server.origin, sessionId);
    await d.getByRole("button", { name: "+ Claude" }).click();
    await expect.poll(() => screenOf(d), { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    await d.getByTestId("terminal-screen").click();
    // Pasted with Ctrl+V, as a desktop user would: a bracketed paste, so the TUI knows where it ends and the Enter
    // after it submits (keys typed faster than a person are a paste to the TUI only by their timing, and an Enter
    // among them is a newline).
    await desktopContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await d.evaluate(() => navigator.clipboard.writeText("@@bash please run it"));
    await d.keyboard.press("Control+V");
    await expect.poll(() => screenOf(d), { timeout: 15_000 }).toContain("@@bash please run it");
    await d.keyboard.press("Enter");
    await d.getByTestId("approval-card").waitFor({ timeout: 60_000 });
    expect(await d.getByTestId("approval-card").innerText()).toContain("echo hello-from-bash");
    await d.screenshot({ path: join(SHOTS, `interactive-${version}-desktop-card.png`) });

    const { terminals } = await client.api<{ terminals: { conversationId: string }[] }>(`/api/sessions/${sessionId}/terminals`);
    const { conversations } = await client.api<{ conversations: { id: string; title: string; status: string }[] }>(`/api/conversations?sessionId=${sessionId}`);
    const mirrored = conversations.find((c) => c.id === terminals[0]!.conversationId);
    expect(mirrored?.status).toBe("waiting");
    // On the phone the prompt is in the attention queue and is a permission card in the conversation.
    const p = await phoneContext.newPage();
    await p.goto(`${server.origin}/#/`);
    // Named from its first prompt by now (it was "Interactive Claude"), like a chat conversation.
    await p.getByTestId("attention-item").first().waitFor({ timeout: 15_000 });
    // It says what the TUI waits for, as chat mode does (not a generic "asks for permission").
    expect(await p.getByTestId("attention-item").first().innerText()).toContain("Asks to run Bash");
    const titleOf = async () => (await client.api<{ conversation: { title: string } }>(`/api/conversations/${mirrored!.id}`)).conversation.title;
    await expect.poll(titleOf).not.toBe("Interactive Claude");
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-attention.png`) });
    // The phone opens the conversation in its chat view (it never showed this session's terminals).
    await openHash(p, `#/c/${mirrored!.id}`);
    const card = p.getByTestId("permission-card");
    await card.waitFor({ timeout: 15_000 });
    await p.getByRole("button", { name: "Status: Asks to run Bash. Details" }).waitFor();
    expect(await card.getByRole("textbox", { name: "Command" }).inputValue()).toContain("echo hello-from-bash");
    // The TUI's "always allow" option is offered on the card too; choosing it is the TUI's own option (the CLI
    // applies the same permission update the hook hands back).
    expect(await card.innerText()).toContain("Always allow also:");
    expect((await card.getByRole("listitem").allInnerTexts()).some((item) => item.startsWith(`Allow access to ${folder}`))).toBe(true);
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-card.png`) });
    await card.getByRole("button", { name: "Always allow", exact: true }).tap();
    await card.waitFor({ state: "detached", timeout: 15_000 });
    await d.getByTestId("approval-card").waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(() => screenOf(d), { timeout: 60_000 }).toContain("Tool said: hello-from-bash");
    expect(await screenOf(d)).toContain("Allowed by PermissionRequest hook");
    // The TUI has ChatML's own MCP tools, as a chat launch does: it connected to the built-in server and offered
    // them to the model. The TUI connects its MCP servers beside its first request, so on a loaded machine that one
    // may go without them; the turn's last request (after the phone's Allow) has them. Side requests (the title)
    // offer no tools at all.
    const turnRequests = api.requests.map((r) => requestText(r)).filter((body) => body.includes("@@bash please run it") && body.includes('"name":"Bash"'));
    expect(turnRequests.at(-1)?.includes("mcp__chatml__notify_user"), "the turn's last request offers ChatML's tools").toBe(true);
    await d.screenshot({ path: join(SHOTS, `interactive-${version}-desktop-after.png`) });

    // The conversation's timeline mirrors the turn from the CLI's transcript, on the phone too.
    await expect.poll(() => timelineOf(client, mirrored!.id), { timeout: 30_000 }).toEqual([
      "user: @@bash please run it",
      "assistant: I will run a command.",
      "tool Bash completed: hello-from-bash",
      "assistant: Tool said: hello-from-bash",
    ]);
    await p.getByTestId("timeline").getByText("Tool said: hello-from-bash").waitFor({ timeout: 15_000 });
    // The turn's tokens, from the usage its transcript lines carry, count in the conversation's usage and budget;
    // the TUI reports no cost, so the run is counted as not priced.
    type Totals = { runs: number; unpricedRuns: number; turns: number; inputTokens: number; outputTokens: number; costUsd: number };
    const totalsOf = async () => (await client.api<{ budget: { totals: Totals } }>(`/api/conversations/${mirrored!.id}/budget`)).budget.totals;
    await expect.poll(async () => (await totalsOf()).runs).toBe(1);
    const totals = await totalsOf();
    expect(totals).toMatchObject({ unpricedRuns: 1, turns: 2, costUsd: 0 });
    expect(totals.inputTokens).toBeGreaterThan(1000);
    expect(totals.outputTokens).toBeGreaterThan(0);
    await p.getByRole("button", { name: "Session controls" }).tap();
    const usage = p.getByTestId("usage");
    await usage.waitFor();
    expect(await usage.innerText()).toContain("not reported (1 terminal run not priced)");
    await usage.scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-usage.png`) });
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-timeline.png`) });
  });

  it("answering the TUI's own prompt in the terminal takes the card away from every device", async () => {
    const { terminal } = await client.api<{ terminal: { id: string; conversationId: string } }>(`/api/sessions/${sessionId}/claude`, { body: { cols: 100, rows: 30 } });
    await client.send(terminal.conversationId, "@@bash please run it");
    const approvals = async () => (await client.api<{ approvals: { toolName: string }[] }>("/api/approvals")).approvals;
    await expect.poll(approvals, { timeout: 60_000 }).toMatchObject([{ toolName: "Bash" }]);
    const d = await openSessionTerminals(desktopContext.newPage(), server.origin, sessionId);
    await d.getByTestId("approval-card").waitFor({ timeout: 15_000 });
    // The TUI asks at the same time as the hook; its first option ("Yes") is chosen with Enter. The question and
    // the selected "Yes" are what is read: the command above them may be folded ("↑ 10 more lines") by a tip.
    await expect.poll(() => screenOf(d), { timeout: 15_000 }).toMatch(/Do you want to proceed\?[\s\S]*❯ 1\. Yes/);
    await d.getByTestId("terminal-screen").click();
    await d.keyboard.press("Enter");
    await expect.poll(async () => (await timelineOf(client, terminal.conversationId)).at(-1), { timeout: 60_000 }).toBe("assistant: Tool said: hello-from-bash");
    // The CLI leaves its hook's request waiting; the transcript shows the call ran, so no device keeps a card for it.
    await expect.poll(approvals, { timeout: 15_000 }).toEqual([]);
    await d.getByTestId("approval-card").waitFor({ state: "detached", timeout: 15_000 });
    const { events } = await client.api<{ events: { event: { type: string; message?: string | null } }[] }>(`/api/conversations/${terminal.conversationId}/events?afterSeq=0&limit=1000`);
    expect(events.flatMap(({ event }) => (event.type === "permission.resolved" ? [event.message] : []))).toEqual(["Answered in the terminal."]);
  });

  it("answers the TUI's question and plan from their cards on the phone", async () => {
    const { terminal } = await client.api<{ terminal: { id: string; conversationId: string } }>(`/api/sessions/${sessionId}/claude`, { body: { cols: 100, rows: 30, permissionMode: "plan" } });
    const conversationId = terminal.conversationId;
    // Sent from the message box as the TUI starts: typed once its prompt box is there.
    await client.send(conversationId, "@@ask which color");
    const p = await phoneContext.newPage();
    await p.goto(`${server.origin}/#/c/${conversationId}`);
    const card = p.getByTestId("permission-card");
    await card.getByRole("radio", { name: "Blue" }).waitFor({ timeout: 60_000 });
    await p.getByRole("button", { name: "Status: Asks you a question. Details" }).waitFor();
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-question.png`) });
    await card.getByRole("radio", { name: "Blue" }).tap();
    await card.getByRole("button", { name: "Submit answers" }).tap();
    await expect.poll(async () => (await timelineOf(client, conversationId)).at(-1), { timeout: 60_000 }).toContain("Which color do you prefer?\"=\"Blue\"");
    await expect.poll(() => statusOf(client, conversationId), { timeout: 15_000 }).toBe("ready");

    await client.send(conversationId, "@@plan it");
    await card.getByRole("button", { name: "Approve, accept edits" }).waitFor({ timeout: 60_000 });
    await p.getByRole("button", { name: "Status: Waits for you to approve a plan. Details" }).click();
    expect(await p.getByTestId("status-details").innerText()).toContain("Waits for you to approve a plan");
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-plan-status.png`) });
    await p.getByRole("button", { name: "Close", exact: true }).click();
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-plan.png`) });
      const d = await desktopContext.newPage();
      await d.goto(`${server.origin}/#/c/${conversationId}`);
      await d.getByTestId("conversation-status").getByText("Waits for you to approve a plan").waitFor({ timeout: 15_000 });
      await d.screenshot({ path: join(SHOTS, `interactive-${version}-desktop-plan-waiting.png`) });
    await card.getByRole("button", { name: "Approve, accept edits" }).tap();
    await expect.poll(async () => (await timelineOf(client, conversationId)).at(-1), { timeout: 60_000 }).toContain("Plan result: User has approved your plan");
    // The TUI left plan mode for accept-edits, as its own "Yes, and accept edits" option would: its transcript says so
    // (the CLI writes that line as it ends).
    await client.api(`/api/terminals/${terminal.id}`, { method: "DELETE" });
    await expect.poll(() => transcriptsOf(home, folder).some((text) => text.includes(`"permissionMode":"acceptEdits"`)), { timeout: 15_000 }).toBe(true);
  });

  it("switches a chat conversation to the terminal and back, typing into the TUI from the message box", async () => {
    // 2.1.330 offers to make auto mode the default at its first start for a user: make it offer again, so the
    // message sent right after the switch must wait for the offer to be declined instead of going into it.
    if (version === "2.1.330") forgetAutoModeOffer(home);
    const { conversation } = await client.api<{ conversation: { id: string } }>("/api/conversations", { method: "POST", body: { sessionId, title: "Pelican chat" } });
    await client.send(conversation.id, "@@text remember the word pelican");
    await expect.poll(async () => (await timelineOf(client, conversation.id)).length, { timeout: 60_000 }).toBeGreaterThan(1);
    const d = await openSessionTerminals(desktopContext.newPage(), server.origin, sessionId);
    await openHash(d, `#/c/${conversation.id}`);
    await d.getByRole("button", { name: "Continue in the interactive terminal" }).click();
    await d.getByText("Interactive mode in the terminal").waitFor({ timeout: 15_000 });
    // The chat process stopping is a hand-over, not an ending; the composer types into the terminal.
    await d.getByTestId("mode-handoff").getByText("continues in the interactive terminal").waitFor({ timeout: 15_000 });
    expect(await d.getByTestId("process-exited").count()).toBe(0);
    const box = d.getByRole("textbox", { name: "Message" });
    expect(await box.getAttribute("placeholder")).toContain("Type to Claude in the terminal");
    await expect.poll(() => screenOf(d), { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    await d.getByTestId("terminal-screen").click();
    // No Esc for a startup offer here: the server declines it before it types the message into the TUI.
    await box.fill("@@text and now continue");
    await d.getByRole("button", { name: "Send", exact: true }).click();
    // The CLI notes that it showed the offer (written as it goes on, so waited for).
    if (version === "2.1.330") await expect.poll(() => claudeState(home)["hasSeenAutoDefaultNudge"]).toBe(true);
    const carriesBoth = () => api.requests.some((r) => requestText(r).includes("and now continue") && requestText(r).includes("remember the word pelican"));
    await expect.poll(carriesBoth, { timeout: 60_000 }).toBe(true);
    await expect.poll(async () => (await timelineOf(client, conversation.id)).filter((line) => line.startsWith("user:")), { timeout: 30_000 }).toEqual([
      "user: @@text remember the word pelican",
      "user: @@text and now continue",
    ]);
    await expect.poll(() => screenOf(d), { timeout: 15_000 }).toContain("@@text and now continue");
    await d.screenshot({ path: join(SHOTS, `interactive-${version}-desktop-switched.png`) });
    // Stop is the TUI's own Esc: the long answer is cut off and the conversation is ready again.
    await box.fill("@@long tell me a long story");
    await d.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(() => statusOf(client, conversation.id), { timeout: 30_000 }).toBe("running");
    expect(await d.getByRole("button", { name: "Interrupt and send" }).count()).toBe(0);
    // Stopped before the first words of the answer arrived, the TUI takes the prompt back into its box and says
    // nothing; 2.1.119 shows no words until the answer is whole. So stop a little into @@long's 16 s stream, as a
    // user would: once its third word is sent, the first has had 800 ms to reach the TUI (its words come 400 ms apart).
    const wordsSentOfStory = () => Math.max(0, ...api.requests.filter((r) => requestText(r).includes("tell me a long story")).map((r) => r.deltasSent ?? 0));
    await expect.poll(wordsSentOfStory, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await d.getByRole("button", { name: "Stop", exact: true }).click();
    await expect.poll(() => screenOf(d), { timeout: 15_000 }).toContain("Interrupted");
    await expect.poll(() => statusOf(client, conversation.id), { timeout: 15_000 }).toBe("ready");
    const p = await phoneContext.newPage();
    await p.goto(`${server.origin}/#/c/${conversation.id}`);
    await p.getByTestId("mode-handoff").first().waitFor({ timeout: 15_000 });
    // On a phone the mode is one button in the status row; its sheet offers the way back.
    await p.getByRole("button", { name: "Mode: interactive" }).click();
    await p.getByRole("button", { name: "Back to chat mode" }).waitFor();
    await p.screenshot({ path: join(SHOTS, `interactive-${version}-phone-switched.png`) });

    // Back to chat mode: the terminal closes, the timeline says where the conversation goes on, and the next
    // message resumes the same Claude session with claude -p (it carries the turn typed in the terminal).
    await d.getByRole("button", { name: "Back to chat mode" }).click();
    await d.getByRole("button", { name: "Continue in the interactive terminal" }).waitFor({ timeout: 15_000 });
    await d.getByTestId("mode-handoff").getByText("Back in chat mode").waitFor({ timeout: 15_000 });
    await client.send(conversation.id, "@@text from the chat again");
    const carriesAll = () => api.requests.some((r) => requestText(r).includes("from the chat again") && requestText(r).includes("and now continue"));
    await expect.poll(carriesAll, { timeout: 60_000 }).toBe(true);
    await d.screenshot({ path: join(SHOTS, `interactive-${version}-desktop-back-to-chat.png`) });
  });

  // The form is the web's alone: it is checked with one CLI (the newest pinned), whose TUI the new conversation starts.
  it.runIf(version === VERSIONS[0])("the New conversation form explains billing and can start new conversations in the terminal", async () => {
    const other = realpathSync(tempDir("chatml-interactive-default"));
    for (const [name, context] of [["phone", phoneContext], ["desktop", desktopContext]] as const) {
      const page = await context.newPage();
      await page.goto(`${server.origin}/#/new`);
      const note = page.getByRole("region", { name: "Modes and billing" });
      await note.waitFor({ timeout: 15_000 });
      expect(await note.innerText()).toContain("Agent SDK credit");
      await page.getByRole("combobox", { name: "Mode of new conversations" }).selectOption("interactive");
      await page.screenshot({ path: join(SHOTS, `new-conversation-billing-${name}.png`), fullPage: true });
    }
    const { settings } = await client.api<{ settings: { defaultConversationMode: string } }>("/api/settings");
    expect(settings.defaultConversationMode).toBe("interactive");
    try {
      const d = await desktopContext.newPage();
      await d.goto(`${server.origin}/#/new`);
      await d.getByRole("textbox", { name: "Folder path" }).fill(other);
      await d.getByRole("button", { name: "Start conversation" }).click();
      await d.getByText("Interactive mode in the terminal").waitFor({ timeout: 30_000 });
      await d.screenshot({ path: join(SHOTS, `new-conversation-interactive-desktop.png`) });
    } finally {
      await client.api("/api/settings", { method: "PUT", body: { defaultConversationMode: "chat" } });
    }
  });

  it("lists a session started outside ChatML and continues it with its context", async () => {
    // The user ran Claude Code in this folder on their own: a real transcript under ~/.claude/projects.
    const outside = Bun.spawn([cliBinPath(version), "-p", "@@text remember the word heron"], { cwd: folder, env, stdout: "ignore", stderr: "ignore" });
    expect(await outside.exited).toBe(0);
    const outsideSessions = async () => (await client.api<{ sessions: { id: string; title: string; sizeBytes: number }[] }>(`/api/sessions/${sessionId}/outside-sessions`)).sessions;
    expect((await outsideSessions()).map((s) => s.title)).toContain("@@text remember the word heron");
    // ChatML titles the conversation this test continues the session in with a one-shot call in this folder (AI
    // titles on for this test alone, ADR 0206); that call is checked below not to be listed as the user's session.
    await client.api("/api/settings", { method: "PUT", body: { aiTitles: true } });
    const d = await openSessionTerminals(desktopContext.newPage(), server.origin, sessionId);
    await d.getByRole("button", { name: "Claude Code sessions from outside ChatML" }).click();
    await d.getByTestId("outside-session").first().waitFor();
    await d.screenshot({ path: join(SHOTS, `outside-sessions-${version}-desktop.png`) });
    // Read it first (read-only, its last turns), then continue it from there.
    await d.getByRole("button", { name: "Read @@text remember the word heron" }).click();
    const transcript = d.getByTestId("outside-transcript");
    await transcript.getByRole("article", { name: "Answer" }).first().waitFor({ timeout: 15_000 });
    expect(await transcript.getByRole("article", { name: "Prompt" }).innerText()).toContain("@@text remember the word heron");
    await d.screenshot({ path: join(SHOTS, `outside-transcript-${version}-desktop.png`) });
    await phoneRead(phoneContext, server.origin, sessionId, join(SHOTS, `outside-transcript-${version}-phone.png`));
    await d.getByRole("button", { name: "Continue this session in Claude" }).click();
    // The list closes, so the terminal has its room: under a long list (the earlier tests' sessions) it was out of
    // view, and xterm draws nothing out of view (the screen stayed blank).
    await d.getByTestId("outside-sessions").waitFor({ state: "detached" });
    await expect.poll(() => screenOf(d), { timeout: 60_000 }).toContain(`Claude Code v${version}`);
    // Sent from the message box of the conversation the terminal mirrors into: the server types it into the TUI once
    // its prompt box shows the paste (typing keys here and pressing Enter raced the TUI's paste detection when the
    // machine was loaded, and a 2.1.330 startup offer is declined by the server first).
    const { terminals } = await client.api<{ terminals: { conversationId: string }[] }>(`/api/sessions/${sessionId}/terminals`);
    await client.send(terminals[0]!.conversationId, "@@text and now go on");
    await expect.poll(() => screenOf(d), { timeout: 15_000 }).toContain("@@text and now go on");
    const carriesBoth = () => api.requests.some((r) => requestText(r).includes("and now go on") && requestText(r).includes("remember the word heron"));
    await expect.poll(carriesBoth, { timeout: 60_000 }).toBe(true);
    // The conversation's timeline follows the continued session (its new turn, not the outside history again).
    await expect.poll(() => timelineOf(client, terminals[0]!.conversationId), { timeout: 30_000 }).toEqual(expect.arrayContaining(["user: @@text and now go on"]));
    await d.screenshot({ path: join(SHOTS, `outside-sessions-${version}-continued.png`) });
    // The mirrored prompt named the conversation with a one-shot in this folder (its request reached the API, so a
    // transcript it kept would be written by now); ChatML's own call is not listed as the user's session.
    const titled = () => api.requests.some((r) => requestText(r).includes("[chatml:title]") && requestText(r).includes("and now go on"));
    await expect.poll(titled, { timeout: 60_000 }).toBe(true);
    const listed = await outsideSessions();
    expect(listed.map((s) => s.title)).toContain("@@text remember the word heron");
    expect(listed.filter((s) => s.title.includes("[chatml:"))).toEqual([]);
    await client.api("/api/settings", { method: "PUT", body: { aiTitles: false } });
  });
});

/** On a phone: the session's Terminals view, its outside sessions, one read in the transcript sheet. */
async function phoneRead(phone: BrowserContext, url: string, sessionId: string, shot: string): Promise<void> {
  const p = await openSessionTerminals(phone.newPage(), url, sessionId);
  await p.getByRole("button", { name: "Claude Code sessions from outside ChatML" }).tap();
  await p.getByRole("button", { name: "Read @@text remember the word heron" }).tap();
  await p.getByTestId("outside-transcript").getByRole("article", { name: "Answer" }).first().waitFor({ timeout: 15_000 });
  await p.screenshot({ path: shot });
}

/** A browser context (a device) signed in to the server once; its pages open the app already signed in. */
async function signedIn(server: ChatmlServer, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(server.url);
  // Signed in, the server sends the page on to the app without the code (a hook may not use expect.poll).
  await page.waitForURL((url) => url.search === "", { timeout: 10_000 });
  await page.close();
  return context;
}

/** Claude Code's own state file in the test's HOME. */
function claudeState(home: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(home, ".claude.json"), "utf8")) as Record<string, unknown>;
}

/** Makes 2.1.330 show its "Make auto mode your default" offer again at the next start (it shows it once). */
function forgetAutoModeOffer(home: string): void {
  const { hasSeenAutoDefaultNudge: _seen, ...rest } = claudeState(home);
  writeFileSync(join(home, ".claude.json"), JSON.stringify(rest));
}

/** The texts of the session transcripts Claude Code keeps for a folder. */
function transcriptsOf(home: string, folder: string): string[] {
  const dir = join(home, ".claude", "projects", folder.replace(/[^a-zA-Z0-9]/g, "-"));
  return readdirSync(dir).filter((name) => name.endsWith(".jsonl")).map((name) => readFileSync(join(dir, name), "utf8"));
}

/** Opens a route of the app (hash navigation does not reload the page by itself). */
async function openHash(page: Page, hash: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/${hash}`);
  await page.reload();
}

async function statusOf(client: ChatmlClient, conversationId: string): Promise<string> {
  return (await client.api<{ conversation: { status: string } }>(`/api/conversations/${conversationId}`)).conversation.status;
}

/** The conversation's messages as the timeline shows them: texts, and tool calls with their results. */
async function timelineOf(client: ChatmlClient, conversationId: string): Promise<string[]> {
  type Part = { kind: string; text?: string; name?: string; status?: string; result?: { text: string } | null };
  const { messages } = await client.api<{ messages: { role: string; parts: Part[] }[] }>(`/api/conversations/${conversationId}/messages`);
  return messages.flatMap((m) => m.parts.map((part) => (part.kind === "tool" ? `tool ${part.name} ${part.status}: ${part.result?.text ?? ""}` : `${m.role}: ${part.text ?? part.kind}`)));
}
