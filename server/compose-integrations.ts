import { newId } from "../shared/ids.ts";
import { WORKING_STATUSES } from "../shared/protocol/model.ts";
import type { ConversationService } from "./core/conversations/conversation-service.ts";
import type { EventBus } from "./core/event-bus.ts";
import { composeIntegrations, type Integrations } from "./core/integrations/compose-integrations.ts";
import type { SessionsPort } from "./core/integrations/ports.ts";
import { DEFAULT_POLL_INTERVALS } from "./core/integrations/pr-poller.ts";
import type { OneShot } from "./core/one-shots/one-shot-cli.ts";
import type { RemoteAccess } from "./core/remote/remote-access.ts";
import type { SourceControlService } from "./core/source-control/source-control-service.ts";
import type { WorkspaceParts } from "./core/workspaces/compose-workspaces.ts";
import type { Db } from "./persistence/db.ts";
import type { Repositories } from "./persistence/repositories.ts";

export type IntegrationWiringDeps = {
  dataDir: string;
  db: Db;
  repos: Repositories;
  bus: EventBus;
  now: () => number;
  workspaces: WorkspaceParts;
  conversations: ConversationService;
  sourceControl: Pick<SourceControlService, "push" | "integrate">;
  remote: RemoteAccess;
  oneShot: OneShot;
  env: Record<string, string | undefined>;
};

/**
 * Wires GitHub and Linear (issue 11) for the composition root. `CHATML_GITHUB_POLL_MS` sets both poll intervals
 * (tests that drive polling); `0` turns polling off. `CHATML_LINEAR_API_URL` points Linear at a fake (tests).
 */
export function wireIntegrations(deps: IntegrationWiringDeps): Integrations {
  const { sessions, lifecycle, workspaces } = deps.workspaces;
  const port: SessionsPort = {
    get: (id) => sessions.get(id),
    workspace: (session) => workspaces.get(session.workspaceId),
    listActive: () => sessions.list().filter((s) => s.archivedAt === null),
    archive: (id) => lifecycle.archive(id),
    create: (input) => sessions.create(input),
    whenReady: (id) => sessions.whenReady(id),
    taskConversation: (id) => deps.repos.conversations.list(id).find((c) => c.kind === "task")?.id ?? deps.repos.conversations.list(id)[0]?.id ?? null,
    push: (id) => deps.sourceControl.push(id),
    pull: (id) => deps.sourceControl.integrate(id, { from: "upstream", mode: "merge" }),
    isWorking: (id) => deps.repos.conversations.list(id).some((c) => WORKING_STATUSES.has(c.status)),
    refreshGit: (id) => sessions.refreshGit(id),
    checkBaseBranch: (id, base) => sessions.checkBaseBranch(id, base),
    changeBaseBranch: (id, base) => sessions.changeBaseBranch(id, base),
    send: async (conversationId, text) => {
      await deps.conversations.sendMessage(conversationId, { commandId: newId("message").replace("msg_", "intg"), text, images: [] });
    },
  };
  const pollMs = deps.env.CHATML_GITHUB_POLL_MS;
  const pollIntervals = pollMs === undefined ? DEFAULT_POLL_INTERVALS : Number(pollMs) > 0 ? { withoutPr: Number(pollMs), withOpenPr: Number(pollMs) } : null;
  return composeIntegrations({
    dataDir: deps.dataDir,
    db: deps.db,
    bus: deps.bus,
    now: deps.now,
    oneShot: deps.oneShot,
    sessions: port,
    workspace: (id) => workspaces.requireHealthy(id),
    notify: async (payload) => {
      for (const device of deps.remote.devices.list()) {
        if (device.notifications.finished) await deps.remote.push.sendToDevice(device.id, payload);
      }
    },
    ghBin: deps.env.CHATML_GH_BIN ?? "gh",
    linearApiUrl: deps.env.CHATML_LINEAR_API_URL,
    pollIntervals,
  });
}
