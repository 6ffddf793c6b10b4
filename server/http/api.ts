import { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import type { AccessPolicy } from "../lib/access-policy.ts";
import { limitBody } from "./middleware/body-limit.ts";
import { requireAuth } from "./middleware/security.ts";
import { blobRoutes } from "./routes/blobs.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { gitRoutes } from "./routes/git.ts";
import { pairingApiRoutes } from "./routes/pairing.ts";
import { pushRoutes } from "./routes/push.ts";
import { signInLinkRoutes } from "./routes/sign-in.ts";
import { conversationRoutes } from "./routes/conversations.ts";
import { goalRoutes } from "./routes/goals.ts";
import { githubRoutes } from "./routes/integrations-github.ts";
import { linearRoutes } from "./routes/integrations-linear.ts";
import { historyRoutes } from "./routes/history.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { infoRoutes } from "./routes/info.ts";
import { searchRoutes } from "./routes/search.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { skillRoutes } from "./routes/skills.ts";
import { terminalRoutes } from "./routes/terminals.ts";
import { budgetRoutes } from "./routes/budgets.ts";
import { queueRoutes } from "./routes/queue.ts";
import { interactiveRoutes } from "./routes/interactive.ts";
import { checkpointRoutes } from "./routes/checkpoints.ts";
import { workspaceRoutes } from "./routes/workspaces.ts";
import { workbenchRoutes } from "./routes/workbench.ts";
import { reviewRoutes } from "./routes/reviews.ts";
import { mcpRoutes } from "./routes/mcp.ts";
import { taskRoutes } from "./routes/tasks.ts";
import type { HttpServices } from "./services.ts";
import { entityRevisionHeader } from "./middleware/entity-revision.ts";
import { AppError } from "../../shared/protocol/errors.ts";
import { toErrorResponse } from "./error-response.ts";

/** The typed REST API under /api; its type is what the web client's `hc` uses. */
export function createApi(services: HttpServices, policy: AccessPolicy) {
  return new Hono()
    .use(requireAuth(policy, services.remote.gate))
    .use(limitBody(services.bodyDeadlineBaseMs))
    .use(entityRevisionHeader(() => services.entityRevision()))
    .route("/", infoRoutes(services))
    .route("/", workspaceRoutes(services))
    .route("/", sessionRoutes(services))
    .route("/", gitRoutes(services))
    .route("/", workbenchRoutes(services))
    .route("/", reviewRoutes(services))
    .route("/", searchRoutes(services))
    .route("/", conversationRoutes(services))
    .route("/", historyRoutes(services))
    .route("/", goalRoutes(services))
    .route("/", jobRoutes(services))
    .route("/", blobRoutes(services))
    .route("/", deviceRoutes(services.remote))
    .route("/", pairingApiRoutes(services.remote))
    .route("/", signInLinkRoutes(services.remote))
    .route("/", pushRoutes(services.remote))
    .route("/", skillRoutes(services))
    .route("/", terminalRoutes(services))
    .route("/", budgetRoutes(services))
    .route("/", queueRoutes(services))
    .route("/", interactiveRoutes(services))
    .route("/", checkpointRoutes(services))
    .route("/", mcpRoutes(services))
    .route("/", taskRoutes(services))
    .route("/", githubRoutes(services.integrations))
    .route("/", linearRoutes(services.integrations));
}

export type AppType = ReturnType<typeof createApi>;

/**
 * The API as the whole app mounts it under /api, with its own fallback and error mapping: app.ts loads this module on
 * the first /api request (or soon after start), so the routes and their schemas are not built before the first 200.
 */
export function createMountedApi(services: HttpServices, policy: AccessPolicy) {
  // A trie from the start: Hono's default router would give the ~240 routes to a RegExpRouter at the first request,
  // which refuses one of them (`/api/jobs/:id/run`) and leaves them to this same trie — ~5 ms of the first /api
  // answer's CPU for nothing (ADR 0217).
  const app = new Hono({ router: new TrieRouter() });
  app.route("/api", createApi(services, policy));
  app.all("/api/*", () => {
    throw new AppError("not_found", "No such API route.");
  });
  app.onError(toErrorResponse);
  return app;
}
