import { homedir } from "node:os";
import { join } from "node:path";
import type { Server } from "bun";
import type { BackoffOptions } from "./scheduler/index.ts";
import { openDatabase } from "./persistence/db.ts";
import { WalCheckpoints } from "./persistence/wal-checkpoints.ts";
import { createRepositories } from "./persistence/repositories.ts";
import { CliSocketRegistry } from "./claude/cli-socket-registry.ts";
import { DiscoveringCliLauncher } from "./core/conversations/cli-launcher.ts";
import { ConversationService } from "./core/conversations/conversation-service.ts";
import { EventBus } from "./core/event-bus.ts";
import { mergeLaunchExtras, type LaunchExtras } from "./core/ports.ts";
import { composeWorkspaces } from "./core/workspaces/compose-workspaces.ts";
import { createOneShot } from "./core/one-shots/one-shot-cli.ts";
import { followRunningTurns } from "./core/conversations/running-turns.ts";
import { acquireDataDirLock } from "./lib/data-dir-lock.ts";
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
import { createApp } from "./http/app.ts";
import { AccessPolicy, networkUrls } from "./lib/access-policy.ts";
import { removeServerRecord, securePrivateDir, writeServerRecord } from "./lib/data-dir.ts";
import { listenOnFreePort, type TlsFiles } from "./lib/listen.ts";
import { cliSocketsOnFirstUse } from "./compose-cli-sockets.ts";
import { signInLink } from "./http/routes/sign-in.ts";
import { composeRemoteAccess } from "./compose-remote.ts";
import { placeName } from "./core/remote/notification-dispatcher.ts";
import { howToReach } from "./core/remote/pairing-address.ts";
import { laterRooms } from "./later-rooms.ts";
import { createSocketHandlers, type SocketData } from "./ws/socket-handlers.ts";
import { BrowserHub } from "./ws/browser-hub.ts";
import { IdleCollector } from "./lib/idle-collector.ts";
import { WorkInFlight } from "./lib/work-in-flight.ts";
import { servedBuildReader } from "./lib/served-build.ts";
import { stopRunningGit } from "./git/running-git.ts";

/** How long the bus must stay quiet after activity before one full garbage collection (ADR 0036). */
const IDLE_COLLECT_MS = 2_000;
/** How long a stopping server waits for the work it has taken (a commit, a push, a message) before it ends it. */
const SHUTDOWN_GRACE_MS = 10_000;
/** How long a stopping server lets the answers it made reach their devices before it closes their connections. */
const ANSWERS_SENT_MS = 1_000;

export type ServerConfig = {
  port: number;
  /** When false, a busy port moves us up to the next free one (up to `maxPort`). */
  isPortExplicit: boolean;
  maxPort: number;
  host: string;
  dataDir: string;
  claudeBin: string | null;
  version: string;
  /** The built SPA (dist/web). */
  webRoot: string;
  env: Record<string, string | undefined>;
  /** HTTPS with these PEM files (`--tls-cert/--tls-key`). */
  tls?: TlsFiles | null;
  /** The address devices use when ChatML sits behind a tunnel or reverse proxy (`--public-url`). */
  publicUrl?: string | null;
  /** Believe X-Forwarded-For/-Proto from the proxy in front (`--trust-proxy`), if it connects from loopback… */
  trustProxy?: boolean;
  /** …or from one of these addresses (`--trusted-proxy`). */
  trustedProxies?: string[];
  /** The flags ChatML was started with, for the restart commands it suggests (`--lan`, `--public-url`). */
  startArgs?: string[];
  /** How ChatML was started (`bunx chatml`, or `bun bin/chatml.ts` in a checkout), for the commands it suggests. */
  launchCommand?: string;
  /** Retry backoff and the watchdog's kill grace (tests shorten them); the jobs' clock (tests move it on instead of sleeping). */
  jobTuning?: { backoff?: BackoffOptions; killGraceMs?: number; now?: () => number };
  /** Who ChatML runs as (`process.getuid()`; tests pass one): Claude Code refuses bypass to root (ADR 0097). */
  uid?: number | null;
  /** How long `stop()` waits for work already taken before it ends it (10 s; tests shorten it). */
  shutdownGraceMs?: number;
  /** What any request body may take before its size's allowance (10 s; tests shorten it). */
  bodyDeadlineBaseMs?: number;
};

export type RunningServer = {
  url: string;
  /** A one-time sign-in link made at start (what `chatml` prints and opens). */
  signInUrl: string;
  /** Makes another one-time sign-in link (each works once, for a few minutes). */
  createSignInUrl(): string;
  port: number;
  /** The owner token (also in `<dataDir>/token`): for `Authorization: Bearer`, never for URLs. */
  token: string;
  /** LAN URLs when bound beyond loopback (`--lan`, `--host 0.0.0.0`). */
  lanUrls: string[];
  /** A fresh one-time pairing link (for the terminal QR code). */
  createPairingUrl(): string;
  stop(): Promise<void>;
};

/** The composition root: opens the database, wires services, the HTTP app and the sockets, and listens. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  securePrivateDir(config.dataDir);
  const lock = acquireDataDirLock(config.dataDir, config.launchCommand);
  // What a start that fails part-way has opened (listeners, CLIs, timers, the database), undone newest first.
  const undo: Array<() => unknown> = [];
  try {
    return await startLocked(config, lock.release, undo);
  } catch (error) {
    for (const step of undo.reverse()) await Promise.resolve().then(step).catch((cause: unknown) => console.error("[start] cleanup failed:", cause));
    lock.release();
    throw error;
  }
}

async function startLocked(config: ServerConfig, releaseLock: () => void, undo: Array<() => unknown>): Promise<RunningServer> {
  const db = openDatabase(join(config.dataDir, "chatml.db"));
  undo.push(() => db.close());
  // Log checkpoints on a thread of their own once the log grows: their file syncs never hold the loop (ADR 0147).
  const walCheckpoints = new WalCheckpoints(db).start();
  undo.push(() => walCheckpoints.stop());
  const repos = createRepositories(db);
  const now = () => Date.now();
  // Changes taken and not yet done (HTTP writes, conversation commands): shutdown refuses new ones and waits for these.
  const work = new WorkInFlight();
  const bus = new EventBus();
  const idleCollector = new IdleCollector();
  bus.subscribe(() => idleCollector.touch());
  idleCollector.start(IDLE_COLLECT_MS);
  undo.push(() => idleCollector.stop());
  const registry = new CliSocketRegistry();
  const settings = {
    get: () => repos.settings.get(),
    update: (patch: Parameters<typeof repos.settings.update>[0]) => repos.settings.update(patch),
  };
  const launcher = new DiscoveringCliLauncher({ explicitBin: config.claudeBin, settings: settings.get, env: config.env, registry });
  // `--sdk-url` CLIs dial back to this loopback listener, and the hooks and the built-in MCP server answer on it: it
  // opens at the first launch that needs its address, not at start.
  const cliSockets = cliSocketsOnFirstUse(registry);
  undo.push(() => cliSockets.stop());
  launcher.setSdkUrlBase(() => cliSockets.baseUrl);
  // One count of the turns running for the rooms that yield to them (search indexing, background one-shots).
  const runningTurns = followRunningTurns(bus);
  const searchIndexer = new SearchIndexer(repos.search);
  searchIndexer.start(bus, runningTurns);
  undo.push(() => searchIndexer.stop());
  const skillParts = composeSkills({ repos, bus, env: config.env, cliVersion: () => launcher.version() });
  undo.push(() => skillParts.stop());
  const budgetParts = composeBudgets({
    repos,
    bus,
    now,
    interrupt: async (id) => void (await conversations.interrupt(id, `budget-${crypto.randomUUID()}`, "turn-budget")),
    relaunchIfIdle: async (id) => {
      const status = repos.conversations.get(id)?.status;
      if (status === "ready") await conversations.stop(id, `budget-${crypto.randomUUID()}`);
    },
  });
  // The workbench's turn snapshots watch every turn from the start; the rest of the workbench is composed after the
  // server listens (ADR 0189).
  const turns = new TurnSnapshots({ repos, bus, now });
  const stopTurns = turns.start();
  undo.push(stopTurns);
  // The Changes panel follows a rewind as it follows a turn's end; a checkpoint's tree is the workbench's turn start
  // (ADR 0114). The session service is made further down.
  const { checkpoints, beforeTurn } = composeCheckpoints({ repos, bus, now, refreshGit: (id) => workspaceParts.sessions.git.refresh(id), turnStartsFrom: (id, tree) => turns.turnStartsFrom(id, tree) });
  const mcp = composeMcp({
    repos,
    bus,
    now,
    dataDir: config.dataDir,
    builtinServerUrl: () => `${cliSockets.httpBase}${BUILTIN_SERVER_PATH}`,
    control: (id, subtype, fields) => conversations.controlRequest(id, subtype, fields),
    // The workbench is composed after the server listens (ADR 0189); a CLI asking before then waits for it.
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
    createConversation: ({ model, ...input }) => workspaceParts.workspaces.createConversation({ ...input, kind: "chat", ...(model ? { model } : {}) }),
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
    // runs before the interactive room is composed, after the server listens (ADR 0189).
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
  await conversations.recoverAfterRestart();
  // A queued message's images are checked when it is queued (the 32 MB warning waits for its send).
  const queueParts = composeMessageQueue({ repos, bus, now, send: (id, input) => conversations.sendMessage(id, input), refuseImages: (id, ahead, images) => void checkHistoryImages(repos, id, images, ahead) });
  undo.push(() => queueParts.stop());
  // One for the server: titles, summaries, commit messages and jobs share its limit on CLIs running at once; titles and summaries yield to running turns.
  const oneShot = createOneShot(() => launcher.path(), { turns: runningTurns });
  const workspaceParts = composeWorkspaces({ repos, bus, now, dataDir: config.dataDir, conversations, oneShot, unavailableModes });
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
  });
  terminals.onChange((sessionId, list, ended) => hub.broadcast({ type: "terminals", sessionId, terminals: list, ended }));
  const broker = new ApprovalBroker(now);
  cliSockets.addHttpHandler(permissionHookEndpoint(broker));
  broker.onChange((approvals) => hub.broadcast({ type: "approvals", approvals }));
  // A hook's secret is a running TUI's: one passing `authenticate` means the interactive room is composed (ADR 0189).
  cliSockets.addHttpHandler(promptHookEndpoint({ authenticate: (secret) => broker.authenticate(secret), refusalOf: (secret, prompt) => later.composed()?.interactive.claude.refusalOf(secret, prompt) ?? null, skillRefusalOf: (secret, name) => later.composed()?.interactive.claude.skillRefusalOf(secret, name) ?? null }));
  const scheme = config.tls ? "https" : "http";
  let lanUrls: string[] = [];
  let url = "";
  const { remote, token } = composeRemoteAccess({
    dataDir: config.dataDir,
    db,
    bus,
    hub,
    trustProxy: config.trustProxy ?? false,
    network: () => ({ isNetworkReachable: lanUrls.length > 0 || Boolean(config.publicUrl), lanUrls, publicUrl: config.publicUrl ?? null, isHttps: Boolean(config.tls) || Boolean(config.publicUrl?.startsWith("https:")), howToReach: howToReach(config.startArgs ?? [], config.launchCommand) }),
    conversationTitle: (id) => {
      const conversation = repos.conversations.get(id);
      const session = conversation ? repos.sessions.get(conversation.sessionId) : null;
      return placeName(session?.title ?? session?.name ?? null, conversation?.title ?? null);
    },
    onTokenRotated: () => console.log(`New sign-in link (works once): ${createSignInUrl()}`),
  });
  const createSignInUrl = () => signInLink(url, remote.pairing.create(null).code);
  // The database's -wal/-shm and the token exist by now: tighten them too (the VAPID keys are written 0600 when push first needs them).
  securePrivateDir(config.dataDir);
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
      // Read when the interactive room is composed, after the listen: they open the CLI listener then.
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
  const services = { version: config.version, dataDir: config.dataDir, workspaces, sessions, lifecycle, conversations, queries: repos, settings, cliInfo: (options?: { recheck?: boolean }) => launcher.info(options), unavailableModes, remote, skills: skillParts.skills, terminals, budgets: budgetParts.budgets, queue: queueParts.queue, checkpoints, mcp, forks, work, entityRevision: () => hub.entityRevision(), bodyDeadlineBaseMs: config.bodyDeadlineBaseMs };

  const proxy = { isEnabled: config.trustProxy ?? false, addresses: config.trustedProxies ?? [] };
  const { server, port } = await listenOnFreePort(config, (candidatePort) => {
    const policy = new AccessPolicy({ port: candidatePort, bindHost: config.host, isTls: Boolean(config.tls), publicUrl: config.publicUrl ?? null });
    // The app composes the later rooms and loads the conversations' runtimes with its API: at the first /api request,
    // or soon after the start (ADR 0081, 0189).
    const app = createApp({ ...services, laterRooms: async () => (await Promise.all([later.ready(), conversations.loadRuntimes(), launcher.loadTransports()]))[0] }, policy, config.webRoot);
    return createSocketHandlers({ app, hub, policy, gate: remote.gate, proxy });
  });
  const displayHost = ["0.0.0.0", "::"].includes(config.host) ? "127.0.0.1" : config.host;
  url = `${scheme}://${displayHost.includes(":") ? `[${displayHost}]` : displayHost}:${port}`;
  lanUrls = networkUrls(config.host, scheme, port);

  writeServerRecord(config.dataDir, { url, pid: process.pid });
  return {
    url,
    signInUrl: createSignInUrl(),
    createSignInUrl,
    port,
    token: token.current(),
    lanUrls,
    createPairingUrl: () => `${config.publicUrl?.replace(/\/$/, "") ?? lanUrls[0] ?? url}/pair?code=${remote.pairing.create(null).code}`,
    stop: async () => {
      idleCollector.stop();
      // No new change from here on (a 503 says why); those already taken finish while everything they use is open.
      work.close();
      await later.stop();
      // Before the git watchers close: a setup that ends starts watching its session.
      await sessions.stopSetups();
      // Past the grace: end the git (with its hooks; and any git that work starts next) and the CLIs it waits on.
      let releaseGit = () => {};
      await work.finish(config.shutdownGraceMs ?? SHUTDOWN_GRACE_MS, () => ((releaseGit = stopRunningGit().release), conversations.stopAll()));
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
      await stopListening(server as Server<SocketData>);
      cliSockets.stop();
      removeServerRecord(config.dataDir, process.pid);
      await walCheckpoints.stop();
      db.close();
      releaseLock();
      releaseGit();
    },
  };
}

/**
 * Stops taking connections and lets the answers already made reach their devices (a commit that finished during the
 * shutdown is answered, not cut off); a connection still open after a moment is closed.
 */
async function stopListening(server: Server<SocketData>): Promise<void> {
  await Promise.race([server.stop(), Bun.sleep(ANSWERS_SENT_MS)]);
  await server.stop(true);
}
