import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Server } from "bun";
import { openDatabase } from "./persistence/db.ts";
import { createRepositories } from "./persistence/repositories.ts";
import { CliSocketRegistry } from "./claude/cli-socket-registry.ts";
import { DiscoveringCliLauncher } from "./core/cli-launcher.ts";
import { ConversationService } from "./core/conversation-service.ts";
import { EventBus } from "./core/event-bus.ts";
import { WorkspaceService } from "./core/workspace-service.ts";
import { createApp } from "./http/app.ts";
import { AccessPolicy } from "./lib/access-policy.ts";
import { listenOnFreePort } from "./lib/listen.ts";
import { createSocketHandlers, type SocketData } from "./ws/socket-handlers.ts";
import { BrowserHub } from "./ws/browser-hub.ts";

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
};

export type RunningServer = { url: string; signInUrl: string; port: number; token: string; stop(): Promise<void> };

/** The composition root: opens the database, wires services, the HTTP app and the sockets, and listens. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const token = loadOrCreateToken(config.dataDir);
  const db = openDatabase(join(config.dataDir, "chatml.db"));
  const repos = createRepositories(db);
  const now = () => Date.now();
  const bus = new EventBus();
  const registry = new CliSocketRegistry();
  const settings = {
    get: () => repos.settings.get(),
    update: (patch: Parameters<typeof repos.settings.update>[0]) => repos.settings.update(patch),
  };
  const launcher = new DiscoveringCliLauncher({ explicitBin: config.claudeBin, settings: settings.get, env: config.env, registry });
  const conversations = new ConversationService({ repos, bus, launcher, now });
  conversations.recoverAfterRestart();
  const workspaces = new WorkspaceService({ repos, bus, now });
  const hub = new BrowserHub({
    bus,
    version: config.version,
    listEventsAfter: (id, afterSeq, limit) => repos.events.listAfter(id, afterSeq, limit),
    getConversation: (id) => repos.conversations.get(id),
    inFlightDeltas: (id) => conversations.inFlightDeltas(id),
  });
  const services = { version: config.version, dataDir: config.dataDir, workspaces, conversations, queries: repos, settings, cliInfo: () => launcher.info() };

  const { server, port } = await listenOnFreePort(config, (candidatePort) => {
    const policy = new AccessPolicy(token, candidatePort, config.host);
    return createSocketHandlers({ app: createApp(services, policy, config.webRoot), hub, registry, policy });
  });
  const displayHost = ["0.0.0.0", "::"].includes(config.host) ? "127.0.0.1" : config.host;
  const url = `http://${displayHost.includes(":") ? `[${displayHost}]` : displayHost}:${port}`;
  launcher.setSdkUrlBase(`ws://127.0.0.1:${port}`);
  return {
    url,
    signInUrl: `${url}/?token=${token}`,
    port,
    token,
    stop: async () => {
      await conversations.stopAll();
      hub.closeAll(1001, "server stopping");
      (server as Server<SocketData>).stop(true);
      db.close();
    },
  };
}

/** The sign-in token lives in the data dir (0600) so a restart keeps devices signed in. */
function loadOrCreateToken(dataDir: string): string {
  const path = join(dataDir, "token");
  if (existsSync(path)) {
    const existing = readFileSync(path, "utf8").trim();
    if (/^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  }
  const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}
