import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../../shared/protocol/events.ts";
import type { TerminalInfo } from "../../../shared/protocol/terminals.ts";
import { openTempDb, seedConversation, type TempDb } from "../../persistence/test-support.ts";
import { spawnPty } from "../../terminal/pty.ts";
import { folderGoneText } from "../session-folder.ts";
import { MCP_RUN_DIR, McpLaunchFiles } from "../mcp/launch-config.ts";
import { TerminalService } from "../terminals/terminal-service.ts";
import { ApprovalBroker } from "./approval-broker.ts";
import { InteractiveClaude } from "./interactive-claude.ts";
import { writeExecutable } from "../../test-support/executable.ts";

let t: TempDb;
let terminals: TerminalService;
const dirs: string[] = [];
const tempFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), "chatml-interactive-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await terminals?.stopAll();
  t?.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The skills switched off on the Skills screen, as the TUI's `skillOverrides` names them. */
let skillsOff: Record<string, "off"> = {};
beforeEach(() => {
  skillsOff = { "tide-table": "off" };
});

/** The interactive `claude` starter on real PTYs, for a session working in `folder`, running `claudePath`. */
function setup(folder: string, claudePath: string, managedSettingsDir = tempFolder(), claudeStateFile = join(tempFolder(), ".claude.json")) {
  t = openTempDb();
  const { session, conversation } = seedConversation(t.repos, folder);
  terminals = new TerminalService({ spawn: spawnPty, now: Date.now, placeOf: (id) => (id === session.id ? { cwd: folder, env: {} } : null), baseEnv: { PATH: process.env.PATH } });
  const recorded: DomainEvent[] = [];
  const stopped: string[] = [];
  const dataDir = tempFolder();
  // The launch files as the server makes them; "proj" (a `.mcp.json` server) is switched off in the conversation.
  const mcpFiles = new McpLaunchFiles({ dataDir, serversOf: () => [], workspaceOf: () => null, switchedOffOf: () => ["proj"], builtinServerUrl: () => "http://127.0.0.1:9/mcp" });
  const broker = new ApprovalBroker(Date.now);
  const interactive = new InteractiveClaude({
    terminals,
    broker,
    dataDir,
    claudePath: async () => claudePath,
    hookUrl: "http://127.0.0.1:9/hooks/permission-request",
    promptHookUrl: "http://127.0.0.1:9/hooks/user-prompt-submit",
    managedSettingsDir,
    claudeDir: tempFolder(),
    claudeStateFile,
    conversations: {
      // As stored now (a test changes its effort between a start and a restart).
      find: (_, id) => t.repos.conversations.get(id) ?? conversation,
      create: (sessionId, title, effort) => t.repos.conversations.create({ sessionId, title, effort }),
      titlesIn: (sessionId) => t.repos.conversations.list(sessionId).map((c) => c.title),
      stopStructured: async (id) => void stopped.push(id),
      sinkOf: () => ({ add: (events) => void recorded.push(...events), flush: () => undefined }),
      cwdOf: () => folder,
      changed: () => undefined,
    },
    now: Date.now,
    foldersOf: () => [folder],
    mcp: { launch: (id) => mcpFiles.prepareInteractive(id), release: (key) => mcpFiles.release(key) },
    // "tide-table" is switched off on the Skills screen (a test may switch it back on).
    skillOverrides: () => ({ ...skillsOff }),
  });
  const settingsFiles = () => readdirSync(join(dataDir, "interactive")).length;
  const mcpLaunchFiles = () => readdirSync(join(dataDir, MCP_RUN_DIR)).length;
  return { interactive, broker, session, conversation, recorded, stopped, settingsFiles, mcpFiles, mcpLaunchFiles, dataDir };
}

describe("starting the interactive claude terminal", () => {
  it("refuses a session whose folder was deleted outside ChatML, before stopping its chat CLI", async () => {
    const folder = tempFolder();
    const { interactive, session, conversation, recorded, stopped } = setup(folder, process.execPath);
    rmSync(folder, { recursive: true });
    await expect(interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id })).rejects.toMatchObject({ code: "conflict", message: folderGoneText(folder) });
    expect(stopped).toEqual([]);
    expect(terminals.list(session.id)).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it("a claude that cannot start leaves no terminal and no link: the conversation stays in chat mode", async () => {
    const { interactive, session, conversation, recorded, settingsFiles } = setup(tempFolder(), "/nonexistent/claude");
    await expect(interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^The interactive Claude terminal could not start: .+/) });
    expect(interactive.isInteractive(conversation.id)).toBe(false);
    expect(terminals.list(session.id)).toEqual([]);
    expect(recorded).toEqual([]);
    expect(settingsFiles()).toBe(0);
  });

  it("a settings file that cannot be written gives back the MCP launch prepared for the TUI", async () => {
    const { interactive, session, conversation, dataDir, mcpLaunchFiles } = setup(tempFolder(), process.execPath);
    writeFileSync(join(dataDir, "interactive"), "not a folder");
    await expect(interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id })).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(mcpLaunchFiles()).toBe(0);
    expect(interactive.isInteractive(conversation.id)).toBe(false);
    expect(terminals.list(session.id)).toEqual([]);
  });

  it("gives the TUI the MCP servers a chat launch gets, switched-off ones left out, and takes them back when it ends", async () => {
    const folder = tempFolder();
    // A stand-in `claude` that writes its arguments down and waits, as the TUI would.
    const argsFile = join(folder, "args.txt");
    const fakeClaude = join(tempFolder(), "claude");
    writeExecutable(fakeClaude, `#!/bin/sh
env > '${argsFile}.env'
printf '%s\n' "$@" > '${argsFile}'
exec sleep 30
`);
    const { interactive, broker, session, conversation, mcpFiles } = setup(folder, fakeClaude);
    const terminal = await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id });
    await expect.poll(() => existsSync(argsFile) && readFileSync(argsFile, "utf8").includes("--session-id")).toBe(true);
    const args = readFileSync(argsFile, "utf8").trim().split("\n");
    const configPath = args[args.indexOf("--mcp-config") + 1] as string;
    const config = JSON.parse(readFileSync(configPath, "utf8")) as { mcpServers: Record<string, { type: string; url: string; headers: Record<string, string> }> };
    expect(config.mcpServers.chatml).toMatchObject({ type: "http", url: "http://127.0.0.1:9/mcp" });
    const token = config.mcpServers.chatml?.headers.Authorization?.replace(/^Bearer /, "") ?? "";
    expect(mcpFiles.conversationOf(token)).toBe(conversation.id);
    const settings = JSON.parse(readFileSync(args[args.indexOf("--settings") + 1] as string, "utf8")) as { hooks: Record<"PermissionRequest" | "UserPromptSubmit" | "PreToolUse", { matcher?: string; hooks: { headers: Record<string, string> }[] }[]>; disabledMcpjsonServers: string[] };
    expect(settings.disabledMcpjsonServers).toEqual(["proj"]);
    // The CLI posts to the server itself (an HTTP hook): no process per request, and the secret is not in the TUI's
    // environment, where every command it runs would inherit it.
    const hook = settings.hooks.PermissionRequest[0]?.hooks[0];
    expect(hook).toMatchObject({ type: "http", url: "http://127.0.0.1:9/hooks/permission-request", headers: { Authorization: expect.stringMatching(/^Bearer .{20,}/) } });
    const secret = hook?.headers.Authorization?.replace(/^Bearer /, "") ?? "";
    expect(broker.authenticate(secret)).toBe(terminal.id);
    // Prompts typed into the TUI are checked by the server too, with the same secret (a skill switched off, ADR 0083).
    expect(settings.hooks.UserPromptSubmit[0]?.hooks[0]).toEqual({ type: "http", url: "http://127.0.0.1:9/hooks/user-prompt-submit", headers: { Authorization: `Bearer ${secret}` }, timeout: 10 });
    // And the model's Skill calls, so a skill switched off after the TUI started is refused at once (ADR 0087b).
    expect(settings.hooks.PreToolUse).toEqual([{ matcher: "Skill", hooks: [{ type: "http", url: "http://127.0.0.1:9/hooks/user-prompt-submit", headers: { Authorization: `Bearer ${secret}` }, timeout: 10 }] }]);
    expect(readFileSync(`${argsFile}.env`, "utf8")).not.toContain(secret);
    // The chat CLI it replaced exiting late releases its own launch and leaves the TUI's alone.
    mcpFiles.prepare(conversation.id).release();
    expect(mcpFiles.conversationOf(token)).toBe(conversation.id);

    await terminals.close(terminal.id);
    await expect.poll(() => existsSync(configPath)).toBe(false);
    expect(mcpFiles.conversationOf(token)).toBeNull();
  });

  it("numbers the conversations and tabs of a session's new TUIs, so three are three rows a user tells apart", async () => {
    const sleeper = join(tempFolder(), "claude");
    writeExecutable(sleeper, "#!/bin/sh\nexec sleep 30\n");
    const { interactive, session, conversation } = setup(tempFolder(), sleeper);
    await terminals.create(session.id, { cols: 80, rows: 24 });
    const started = [];
    for (let i = 0; i < 3; i += 1) started.push(await interactive.start(session.id, { cols: 80, rows: 24 }));
    const titles = started.map((terminal) => t.repos.conversations.get(terminal.conversationId!)?.title);
    expect(titles).toEqual(["Interactive Claude", "Interactive Claude 2", "Interactive Claude 3"]);
    expect(started.map((terminal) => terminal.name)).toEqual(["Claude", "Claude 2", "Claude 3"]);
    // A conversation's own TUI (the chat switched to the terminal) takes the first tab name free.
    await terminals.close(started[0]!.id);
    expect((await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id })).name).toBe("Claude");
    // Once the first is closed and named from its prompt, its placeholder title is free again.
    t.repos.conversations.update(started[0]!.conversationId!, { title: "Explain the build" });
    await terminals.close(started[1]!.id);
    const next = await interactive.start(session.id, { cols: 80, rows: 24 });
    expect(t.repos.conversations.get(next.conversationId!)?.title).toBe("Interactive Claude");
    expect(next.name).toBe("Claude 2");
  });

  it("a TUI that fails at once says what the CLI said and, for a user who never finished its first-run setup, what to do", async () => {
    // As 2.1.332 does with a fresh HOME and no network (seen in a PTY): its first-run check fails, it says so and exits 1.
    const failing = join(tempFolder(), "claude");
    writeExecutable(failing, "#!/bin/sh\nprintf ' Unable to connect to Anthropic services\\r\\n\\r\\n Failed to connect to api.anthropic.com: ENOTFOUND\\r\\n'\nexit 1\n");
    const stateFile = join(tempFolder(), ".claude.json");
    const { interactive, session, conversation, recorded } = setup(tempFolder(), failing, tempFolder(), stateFile);
    const started = await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id });
    await expect.poll(() => terminals.get(started.id).status).toBe("exited");
    const problem = terminals.get(started.id).problem ?? "";
    expect(problem).toMatch(/^Claude Code has not finished its first-run setup/);
    expect(problem).toContain("It said: “Unable to connect to Anthropic services. Failed to connect to api.anthropic.com: ENOTFOUND”.");
    // The conversation's timeline (all a phone in chat view sees) says the same.
    const exited = recorded.find((event) => event.type === "process.exited");
    expect(exited).toMatchObject({ reason: `The interactive Claude terminal ended (exit code 1). ${problem}` });

    // A user who did the setup gets the CLI's words alone.
    writeFileSync(stateFile, JSON.stringify({ hasCompletedOnboarding: true }));
    await terminals.restart(started.id);
    await expect.poll(() => terminals.get(started.id).problem).toBe("Claude Code said: “Unable to connect to Anthropic services. Failed to connect to api.anthropic.com: ENOTFOUND”.");
  });

  it("says on the terminal that approvals from other devices are off when managed settings block its hook, and why", async () => {
    const folder = tempFolder();
    const sleeper = join(tempFolder(), "claude");
    writeExecutable(sleeper, "#!/bin/sh\nexec sleep 30\n");
    const managed = tempFolder();
    const { interactive, session, conversation } = setup(folder, sleeper, managed);
    expect((await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id })).approvalsOff).toBeUndefined();
    await terminals.stopAll();

    writeFileSync(join(managed, "managed-settings.json"), JSON.stringify({ allowedHttpHookUrls: ["https://hooks.example.com/*"] }));
    const blocked = await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id });
    expect(blocked.approvalsOff).toMatch(/allow HTTP hooks only to https:\/\/hooks\.example\.com\/\*, and ChatML's permission hook posts to http:\/\/127\.0\.0\.1:9\/hooks\/permission-request$/);
    expect(terminals.get(blocked.id).approvalsOff).toBe(blocked.approvalsOff);
  });

  it("leaves skillOverrides out while its skill hooks run (a switch back on takes effect), and names the skills off when managed settings block them", async () => {
    const folder = tempFolder();
    const argsFile = join(folder, "args.txt");
    const fakeClaude = join(tempFolder(), "claude");
    writeExecutable(fakeClaude, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexec sleep 30\n`);
    const managed = tempFolder();
    const { interactive, session, conversation } = setup(folder, fakeClaude, managed);
    const settingsOf = async (terminal: TerminalInfo, { keep = false } = {}) => {
      await expect.poll(() => existsSync(argsFile) && readFileSync(argsFile, "utf8").includes("--settings")).toBe(true);
      const args = readFileSync(argsFile, "utf8").trim().split("\n");
      const settings = JSON.parse(readFileSync(args[args.indexOf("--settings") + 1] as string, "utf8")) as { skillOverrides?: Record<string, string> };
      rmSync(argsFile);
      if (!keep) await terminals.close(terminal.id);
      return settings;
    };
    const free = await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id });
    expect(free.skillChecksOff).toBeUndefined();
    // Read once at launch, a skill the TUI was told is "off" stays refused by it after it is switched back on.
    expect((await settingsOf(free)).skillOverrides).toBeUndefined();

    // An administrator's list that allows the permission hook's URL only: approvals still reach ChatML, skill checks not.
    writeFileSync(join(managed, "managed-settings.json"), JSON.stringify({ allowedHttpHookUrls: ["http://127.0.0.1:9/hooks/permission-request"] }));
    const blocked = await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id });
    expect(blocked.approvalsOff).toBeUndefined();
    expect(blocked.skillChecksOff).toMatch(/allow HTTP hooks only to http:\/\/127\.0\.0\.1:9\/hooks\/permission-request, and ChatML's skill check posts to http:\/\/127\.0\.0\.1:9\/hooks\/user-prompt-submit$/);
    expect(terminals.get(blocked.id).skillChecksOff).toBe(blocked.skillChecksOff);
    // Without the hooks, the switches as they are at launch are all the TUI can be told.
    expect((await settingsOf(blocked, { keep: true })).skillOverrides).toEqual({ "tide-table": "off" });
    // Switched back on, it takes effect when the TUI restarts: the restarted TUI's settings say the switches as they are now.
    skillsOff = {};
    await terminals.restart(blocked.id);
    expect((await settingsOf(blocked)).skillOverrides).toBeUndefined();
  });

  it("starts the TUI at the conversation's effort level and shows it; a restart takes the level chosen since", async () => {
    const folder = tempFolder();
    const argsFile = join(folder, "args.txt");
    const fakeClaude = join(tempFolder(), "claude");
    writeExecutable(fakeClaude, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexec sleep 30\n`);
    const { interactive, session, conversation } = setup(folder, fakeClaude);
    const launchedEffort = async () => {
      await expect.poll(() => existsSync(argsFile) && readFileSync(argsFile, "utf8").includes("--settings")).toBe(true);
      const args = readFileSync(argsFile, "utf8").trim().split("\n");
      rmSync(argsFile);
      return args.includes("--effort") ? args[args.indexOf("--effort") + 1] : null;
    };
    t.repos.conversations.update(conversation.id, { effort: "high" });
    const terminal = await interactive.start(session.id, { cols: 80, rows: 24, conversationId: conversation.id });
    expect(await launchedEffort()).toBe("high");
    expect(terminal.effort).toBe("high");
    expect(terminal.launchedEffort).toBe("high");

    // Chosen in Session controls while the TUI runs: the terminal still says the level it was launched with (the
    // browser offers a restart from the difference); its next start takes it, and its terminal says so.
    t.repos.conversations.update(conversation.id, { effort: null });
    expect(terminals.get(terminal.id).launchedEffort).toBe("high");
    // Said as the restart starts the TUI again (the browser's notice goes then), not at its first screen read.
    await terminals.restart(terminal.id);
    expect(terminals.get(terminal.id)).toMatchObject({ status: "running", effort: null, launchedEffort: null });
    expect(await launchedEffort()).toBeNull();
  });

  it("a TUI started with no conversation (+ Claude) runs at the effort asked for, which its new conversation keeps", async () => {
    const folder = tempFolder();
    const argsFile = join(folder, "args.txt");
    const fakeClaude = join(tempFolder(), "claude");
    writeExecutable(fakeClaude, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexec sleep 30\n`);
    const { interactive, session } = setup(folder, fakeClaude);
    const terminal = await interactive.start(session.id, { cols: 80, rows: 24, effort: "xhigh" });
    await expect.poll(() => existsSync(argsFile) && readFileSync(argsFile, "utf8").includes("--settings")).toBe(true);
    const args = readFileSync(argsFile, "utf8").trim().split("\n");
    expect(args.slice(args.indexOf("--effort"), args.indexOf("--effort") + 2)).toEqual(["--effort", "xhigh"]);
    expect(terminal).toMatchObject({ effort: "xhigh", launchedEffort: "xhigh" });
    // Stored with the conversation: Session controls show it, and the browser sees no level "changed since" its start.
    expect(t.repos.conversations.get(terminal.conversationId!)?.effort).toBe("xhigh");
  });
});
