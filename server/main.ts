import { join } from "node:path";
import type { Server } from "bun";
import type { BackoffOptions } from "./scheduler/index.ts";
import { openDatabase } from "./persistence/db.ts";
import { WalCheckpoints } from "./persistence/wal-checkpoints.ts";
import { createRepositories } from "./persistence/repositories.ts";
import { EventBus, streamedChars } from "./core/event-bus.ts";
import { followRunningTurns } from "./core/conversations/running-turns.ts";
import { settingsAccess } from "./core/settings/settings-access.ts";
import { acquireDataDirLock } from "./lib/data-dir-lock.ts";
import { createApp } from "./http/app.ts";
import { AccessPolicy, networkUrls } from "./lib/access-policy.ts";
import { removeServerRecord, securePrivateDir, writeServerRecord } from "./lib/data-dir.ts";
import { listenOnFreePort, type TlsFiles } from "./lib/listen.ts";
import { signInLink } from "./http/routes/sign-in.ts";
import { composeRemoteAccess } from "./compose-remote.ts";
import { composedAfterListen } from "./compose-after-listen.ts";
import { placeName } from "./core/remote/notification-dispatcher.ts";
import { howToReach } from "./core/remote/pairing-address.ts";
import { createSocketHandlers, type SocketData } from "./ws/socket-handlers.ts";
import { IdleCollector } from "./lib/idle-collector.ts";
import { WorkInFlight } from "./lib/work-in-flight.ts";

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
  /**
   * Settles, with the cause, if what the server loads after it listens (the conversations and the rooms around them,
   * the API) fails: it can then serve no conversation, and the caller stops it (ADR 0217). Never settles otherwise.
   */
  failed: Promise<Error>;
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
  bus.subscribe((message) => idleCollector.touch(streamedChars(message)));
  idleCollector.start(IDLE_COLLECT_MS);
  undo.push(() => idleCollector.stop());
  const settings = settingsAccess(repos.settings);
  const scheme = config.tls ? "https" : "http";
  let lanUrls: string[] = [];
  let url = "";
  // The browsers' hub comes with the conversations, composed after the listen (ADR 0210): no socket opens before it,
  // so until then there is none to close or ask.
  const hub = { ready: async () => (await conversations.ready()).hub, current: () => conversations.composed()?.hub ?? null };
  const { remote, token } = composeRemoteAccess({
    dataDir: config.dataDir,
    db,
    bus,
    hub: hub.current,
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
  // The conversations and the rooms around them are composed after the listen, at the first /api request or socket
  // or with the API's warm-up (ADR 0210): a probe, the page and the sign-in need none of them.
  // One count of the turns running, for the server's life (a failed composition does not leave it behind: the start made it).
  const runningTurns = followRunningTurns(bus);
  // The moment the last turn ends is as free of deltas as an idle interval's end, and comes first (ADR 0271).
  runningTurns.onChange((count) => idleCollector.turnsRunning(count));
  const parts = { config, db, repos, bus, now, work, remote, settings, runningTurns };
  const conversations = composedAfterListen(async () => (await import("./compose-conversations.ts")).composeConversations(parts));
  undo.push(async () => (await conversations.stop())?.stop(0));
  const services = { version: config.version, dataDir: config.dataDir, remote, work, settings, queries: repos, bodyDeadlineBaseMs: config.bodyDeadlineBaseMs };
  const failure = Promise.withResolvers<Error>();

  const proxy = { isEnabled: config.trustProxy ?? false, addresses: config.trustedProxies ?? [] };
  const { server, port } = await listenOnFreePort(config, (candidatePort) => {
    const policy = new AccessPolicy({ port: candidatePort, bindHost: config.host, isTls: Boolean(config.tls), publicUrl: config.publicUrl ?? null });
    const app = createApp({ ...services, composedAfterListen: async () => (await conversations.ready()).apiServices(), failedAfterListen: (error) => failure.resolve(error) }, policy, config.webRoot);
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
    failed: failure.promise,
    stop: async () => {
      idleCollector.stop();
      // No new change from here on (a 503 says why); those already taken finish while everything they use is open.
      work.close();
      // A start stopped before its conversations were composed never composes them; one under way is waited for.
      const composed = await conversations.stop();
      const graceMs = config.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
      const releaseGit = composed ? await composed.stop(graceMs) : (await work.finish(graceMs, async () => {}), () => {});
      await stopListening(server as Server<SocketData>);
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
