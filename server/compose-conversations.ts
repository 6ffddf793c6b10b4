import { homedir } from "node:os";
import type { EventBus } from "./core/event-bus.ts";
import type { ServerConfig } from "./main.ts";
import type { Db } from "./persistence/db.ts";
import type { Repositories } from "./persistence/repositories.ts";
import type { RemoteAccess } from "./core/remote/remote-access.ts";
import type { ServicesAfterListen } from "./http/services.ts";
import type { SettingsAccess } from "./core/settings/settings-access.ts";
import type { RunningTurns } from "./core/ports.ts";
import type { WorkInFlight } from "./lib/work-in-flight.ts";
import { CliSocketRegistry } from "./claude/cli-socket-registry.ts";
import { DiscoveringCliLauncher } from "./core/conversations/cli-launcher.ts";
import { ConversationService } from "./core/conversations/conversation-service.ts";
import { mergeLaunchExtras, type LaunchExtras } from "./core/ports.ts";
import { composeWorkspaces } from "./core/workspaces/compose-workspaces.ts";
import type { WorkspaceServiceDeps } from "./core/workspaces/workspace-service.ts";
import { createOneShot } from "./core/one-shots/one-shot-cli.ts";
import { SearchIndexer } from "./core/search/search-indexer.ts";
import { composeSkills } from "./core/skills/compose-skills.ts";
import { composeTerminals } from "./core/terminals/compose-terminals.ts";
import { ApprovalBroker } from "./core/interactive/approval-broker.ts";
import { EventCommitter } from "./core/conversations/event-committer.ts";
import { checkHistoryImages } from "./core/conversations/history-images.ts";
import { unavailablePermissionModes } from "./core/conversations/permission-modes.ts";
import { claudeDirOf } from "./claude/transcript/transcript-entries.ts";
import { TerminalRelay } from "./ws/terminal-relay.ts";
import { composeBudgets } from "./core/budgets/compose-budgets.ts";
import { composeMessageQueue } from "./core/message-queue/compose-queue.ts";
import { composeCheckpoints } from "./core/checkpoints/compose-checkpoints.ts";
import { TurnSnapshots } from "./core/workbench/turn-snapshots.ts";
import { composeMcp } from "./core/mcp/compose-mcp.ts";
import { ConversationForks } from "./core/conversations/conversation-fork.ts";
import { BUILTIN_SERVER_PATH, builtinMcpEndpoint } from "./http/mcp-endpoint.ts";
import { PERMISSION_HOOK_PATH, permissionHookEndpoint } from "./http/permission-hook-endpoint.ts";
import { PROMPT_HOOK_PATH, promptHookEndpoint } from "./http/prompt-hook-endpoint.ts";
import { cliSocketsOnFirstUse } from "./compose-cli-sockets.ts";
import { placeName } from "./core/remote/notification-dispatcher.ts";
import { laterRooms } from "./later-rooms.ts";
import { BrowserHub } from "./ws/browser-hub.ts";
import { servedBuildReader } from "./lib/served-build.ts";
import { stopRunningGit } from "./git/running-git.ts";

/** What a start opens before it listens, and the conversations are composed with after it (ADR 0210). */
export type ListeningParts = {
  config: ServerConfig;
  db: Db;
  repos: Repositories;
  bus: EventBus;
  now: () => number;
  work: WorkInFlight;
  remote: RemoteAccess;
  settings: SettingsAccess;
  /** One count of the turns running, for the rooms that yield to them (search indexing, background one-shots): the server's, for its whole life. */
  runningTurns: RunningTurns;
};

/** The conversations and every room around them, composed after the server listens (ADR 0210). */
export type ComposedConversations = {
  hub: BrowserHub;
  /** The services, with the rooms composed on the API's first need (ADR 0081, 0189) and the conversations' runtimes loaded. */
  apiServices(): Promise<ServicesAfterListen>;
  /** Lets the work taken finish (ending it past `graceMs`), stops every room and closes the sockets and the CLI listener; releases git last (see `stopRunningGit`). */
  stop(graceMs: number): Promise<() => void>;
};

/**
 * Composes the conversations with their restart recovery (ADR 0177), workspaces, terminals, MCP, skills, budgets,
 * checkpoints, the queue, forks, search and the browser hub. Loaded by `import()` after the server listens, so a
 * probe, the page and the sign-in answer before any of these modules is evaluated. A composition that fails part-way
 * undoes what it opened, newest first, and rejects.
 */
export async function composeConversations(parts: ListeningParts): Promise<ComposedConversations> {
  const undo: Array<() => unknown> = [];
  try {
    return await compose(parts, undo);
  } catch (error) {
    for (const step of undo.reverse()) await Promise.resolve().then(step).catch((cause: unknown) => console.error("[start] cleanup failed:", cause));
    throw error;
  }
}

async function compose({ config, db, repos, bus, now, work, remote, settings, runningTurns }: ListeningParts, undo: Array<() => unknown>): Promise<ComposedConversations> {
  const registry = new CliSocketRegistry();
  const launcher = new DiscoveringCliLauncher({ explicitBin: config.claudeBin, settings: settings.get, env: config.env, registry });
  // `--sdk-url` CLIs dial back to this loopback listener, and the hooks and the built-in MCP server answer on it: it
  // opens at the first launch that needs its address, not at start.
  const cliSockets = cliSocketsOnFirstUse(registry);
  undo.push(() => cliSockets.stop());
  launcher.setSdkUrlBase(() => cliSockets.baseUrl);
  const searchIndexer = new SearchIndexer(repos.search, runningTurns);
  searchIndexer.start(bus);
  undo.push(() => searchIndexer.stop());
  const skillParts = composeSkills({ repos, bus, env: config.env, cliVersion: () => launcher.version() });
  undo.push(() => skillParts.stop());
  const budgetParts = composeBudgets({
    repos,
    bus,
    now,
    interrupt: async (id) => void (await conversations.interrupt(id, `budget-${crypto.randomUUID()}`, "turn-budget")),
    relaunchIfIdle: (id) => conversations.stopIfIdle(id),
  });
  // The workbench's turn snapshots watch every turn from the conversations' composition; the rest of the workbench is
  // composed on the API's first need (ADR 0189).
  const turns = new TurnSnapshots({ repos, bus, now });
  const stopTurns = turns.start();
  undo.push(stopTurns);
  // The Changes panel follows a rewind as it follows a turn's end; a checkpoint's tree is the workbench's turn start
  // (ADR 0114). The session service is made further down.
  const { checkpoints, beforeTurn, stopWatching } = composeCheckpoints({ repos, bus, now, refreshGit: (id) => workspaceParts.sessions.git.refresh(id), turnStartsFrom: (id, tree) => turns.turnStartsFrom(id, tree), lastTurn: (id) => turns.get(id) });
  undo.push(stopWatching);
  const mcp = composeMcp({
    repos,
    bus,
    now,
    dataDir: config.dataDir,
    builtinServerUrl: () => `${cliSockets.httpBase}${BUILTIN_SERVER_PATH}`,
    control: (id, subtype, fields) => conversations.controlRequest(id, subtype, fields),
    // The workbench is composed on the API's first need (ADR 0189); a CLI asking before then waits for it.
    reviews: { list: async (id) => (await later.ready()).workbench.reviews.list(id), update: async (id, patch) => (await later.ready()).workbench.reviews.update(id, patch) },
    // Sessions are built further down too; the built-in server calls this only while a CLI runs.
    rerunSetup: async (id) => {
      await sessions.rerunSetup(id);
      await sessions.whenReady(id);
      return sessions.get(id);
    },
    notify: async (id, title, body) => {
      const committer = new EventCommitter(id, repos.events, bus, now);
      committer.add([{ type: "notice", level: "info", text: body ? `Claude: ${title} — ${body}` : `Claude: ${title}` }]);
      committer.flush();
      const where = placeName(null, repos.conversations.get(id)?.title ?? null) ?? "A conversation";
      const payload = { tag: `chatml-${id}-notify`, url: `/#/c/${id}`, conversationId: id, title: `${where}: ${title}`, body: body ?? "" };
      for (const device of remote.devices.list()) if (device.notifications.needsInput) await remote.push.sendToDevice(device.id, payload);
    },
  });
  cliSockets.addHttpHandler(builtinMcpEndpoint(mcp, work));
  undo.push(() => budgetParts.stop(), () => mcp.stop());
  const forks = new ConversationForks({
    repos,
    claudeDir: claudeDirOf(config.env, homedir()),
    cwdOf: (id): string => conversations.cwdOf(id),
    createConversation: ({ model, effort, ...input }) => workspaceParts.workspaces.createConversation({ ...input, kind: "chat", ...(model ? { model } : {}), ...(effort ? { effort } : {}) }),
    seedTimeline: (id, messages, text) => {
      const committer = new EventCommitter(id, repos.events, bus, now);
      committer.add([...messages.map((message) => ({ type: "message.created" as const, message })), { type: "notice", level: "info", text }]);
      committer.flush();
    },
  });
  const unavailableModes = unavailablePermissionModes({ uid: config.uid === undefined ? (process.getuid?.() ?? null) : config.uid, env: config.env });
  const conversations = new ConversationService({
    unavailableModes,
    repos,
    bus,
    launcher,
    now,
    work,
    prepareText: (id, text) => skillParts.skills.prepareText(id, text),
    notes: checkpoints,
    beforeSend: (id, text) => {
      budgetParts.budgets.assertCanSend(id);
      skillParts.skills.assertRunnable(id, text);
    },
    // While its interactive terminal runs, a conversation's messages are typed there and Stop is the TUI's Esc. None
    // runs before the interactive room is composed, on the API's first need (ADR 0189).
    handedOff: { has: (id) => later.composed()?.interactive.claude.isInteractive(id) ?? false, send: async (id, text) => (await later.ready()).interactive.claude.prompt(id, text), interrupt: async (id) => (await later.ready()).interactive.claude.interrupt(id) },
    launchExtras: (id): LaunchExtras => mergeLaunchExtras([budgetParts.budgets.launchExtras(id), mcp.launchExtras(id), forks.launchExtras(id), skillParts.skills.launchExtras(id)]),
    sleepAfterMs: () => settings.get().cliSleepAfterMinutes * 60_000,
    promptSuggestions: () => settings.get().promptSuggestions,
    skillRefusal: (id, name) => skillParts.skills.modelInvocationRefusal(id, name),
    outsidePermissions: { owns: (id): boolean => later.composed()?.interactive.claude.approvals.owns(id) ?? false, answer: (id, input, decidedBy): void => later.composed()?.interactive.claude.approvals.answer(id, input, decidedBy) },
    // A deleted conversation's interactive terminal is closed (its PTY ended) and its checkpoint refs dropped.
    beforeDelete: async (id) => {
      const sessionId = repos.conversations.get(id)?.sessionId;
      const own = sessionId ? terminals.list(sessionId).filter((terminal) => terminal.conversationId === id) : [];
      await Promise.all(own.map((terminal) => terminals.close(terminal.id)));
      await checkpoints.forget(id).catch((error: unknown) => console.warn(`[checkpoints] refs of ${id} not removed:`, error));
    },
    // Sessions are built further down; a message sent as a new session's worktree is being made waits for it.
    whenFolderReady: (sessionId) => sessions.whenFolderReady(sessionId),
    beforeTurn,
  });
  undo.push(() => conversations.stopAll());
  // A new idle-sleep time reaches the CLIs already idle, not only those whose turn ends after it.
  undo.push(settings.onChange((patch) => patch.cliSleepAfterMinutes !== undefined && conversations.idleSleepChanged()));
  await conversations.recoverAfterRestart();
  // A queued message's images are checked when it is queued (the 32 MB warning waits for its send).
  const queueParts = composeMessageQueue({ repos, bus, now, send: (id, input) => conversations.sendMessage(id, input), refuseImages: (id, ahead, images) => void checkHistoryImages(repos, id, images, ahead) });
  undo.push(() => queueParts.stop());
  // One for the server: titles, summaries, commit messages and jobs share its limit on CLIs running at once; titles and summaries yield to running turns.
  const oneShot = createOneShot(() => launcher.path(), { turns: runningTurns });
  // Deleting a history deletes its goals and jobs through the jobs room, composed by then (the API waits for it).
  const prepareDeletingPlans: WorkspaceServiceDeps["prepareDeletingPlans"] = async (id, confirmed) => (await later.ready()).jobs.plans.prepare(id, confirmed);
  const workspaceParts = composeWorkspaces({ repos, bus, now, dataDir: config.dataDir, conversations, oneShot, unavailableModes, prepareDeletingPlans });
  const { workspaces, sessions, lifecycle } = workspaceParts;
  undo.push(() => workspaceParts.stop());
  await workspaceParts.start();
  const terminals = composeTerminals({ repos, bus, now, env: config.env });
  undo.push(() => terminals.stopAll());
  const hub = new BrowserHub({
    bus,
    version: config.version,
    servedBuild: servedBuildReader(config.webRoot),
    listEventsAfter: (id, afterSeq, limit) => repos.events.listAfter(id, afterSeq, limit),
    getConversation: (id) => repos.conversations.get(id),
    inFlightDeltas: (id) => conversations.inFlightDeltas(id),
    terminals: new TerminalRelay(terminals),
    deviceLeft: (deviceId) => remote.devices.left(deviceId),
  });
  terminals.onChange((sessionId, list, ended) => hub.broadcast({ type: "terminals", sessionId, terminals: list, ended }));
  const broker = new ApprovalBroker(now);
  cliSockets.addHttpHandler(permissionHookEndpoint(broker));
  broker.onChange((approvals) => hub.broadcast({ type: "approvals", approvals }));
  // A hook's secret is a running TUI's: one passing `authenticate` means the interactive room is composed (ADR 0189).
  cliSockets.addHttpHandler(promptHookEndpoint({ authenticate: (secret) => broker.authenticate(secret), refusalOf: (secret, prompt) => later.composed()?.interactive.claude.refusalOf(secret, prompt) ?? null, skillRefusalOf: (secret, name) => later.composed()?.interactive.claude.skillRefusalOf(secret, name) ?? null }));
  const later = laterRooms({
    jobs: {
      repos,
      bus,
      now,
      sessions,
      workspaces,
      conversations,
      budgets: {
        limitRun: async (id, limits) => void (await budgetParts.budgets.overrideConversation(id, limits)),
        state: (id) => budgetParts.budgets.state(id),
      },
      oneShot,
      unavailableModes,
      concurrency: () => settings.get().jobConcurrency,
      ...config.jobTuning,
    },
    integrations: { dataDir: config.dataDir, db, repos, bus, now, workspaces: workspaceParts, conversations, remote, oneShot, env: config.env },
    sourceControl: { bus, now, getSession: (id) => sessions.get(id), workspaceOf: (session) => repos.workspaces.get(session.workspaceId), refreshGit: async (id) => void (await sessions.refreshGit(id)), oneShot },
    interactive: {
      repos,
      bus,
      now,
      dataDir: config.dataDir,
      env: config.env,
      terminals,
      broker,
      runnableCli: () => launcher.runnable(),
      // Read when the interactive room is composed, on the API's first need: they open the CLI listener then.
      get hookUrl() {
        return `${cliSockets.httpBase}${PERMISSION_HOOK_PATH}`;
      },
      get promptHookUrl() {
        return `${cliSockets.httpBase}${PROMPT_HOOK_PATH}`;
      },
      mcp,
      skillOverrides: (id) => skillParts.skills.skillOverrides(id),
      assertRunnable: (id, text) => skillParts.skills.assertRunnable(id, text),
      skillRefusal: (id, name) => skillParts.skills.modelInvocationRefusal(id, name),
      workspaces,
      conversations,
      unavailableModes,
    },
    workbench: { repos, bus, now, turns, sendMessage: (id, input) => conversations.sendMessage(id, input), refreshGit: (id) => sessions.git.refresh(id) },
  });
  undo.push(() => later.stop(), () => later.composed()?.interactive.claude.stopAll(), () => hub.closeAll(1001, "server stopping"));
  const services = { workspaces, sessions, lifecycle, conversations, cliInfo: (options?: { recheck?: boolean }) => launcher.info(options), unavailableModes, skills: skillParts.skills, terminals, budgets: budgetParts.budgets, queue: queueParts.queue, checkpoints, mcp, forks, entityRevision: () => hub.entityRevision() };
  return {
    hub,
    apiServices: async () => ({ ...services, ...(await Promise.all([later.ready(), conversations.loadRuntimes(), launcher.loadTransports()]))[0] }),
    stop: async (graceMs) => {
      await later.stop();
      // Before the git watchers close: a setup that ends starts watching its session.
      await sessions.stopSetups();
      // Past the grace: end the git (with its hooks; and any git that work starts next) and the CLIs it waits on.
      let releaseGit = () => {};
      await work.finish(graceMs, () => ((releaseGit = stopRunningGit().release), conversations.stopAll()));
      searchIndexer.stop();
      workspaceParts.stop();
      skillParts.stop();
      budgetParts.stop();
      queueParts.stop();
      stopTurns();
      mcp.stop();
      later.composed()?.interactive.claude.stopAll();
      await Promise.all([conversations.stopAll(), terminals.stopAll()]);
      hub.closeAll(1001, "server stopping");
      cliSockets.stop();
      return releaseGit;
    },
  };
}
