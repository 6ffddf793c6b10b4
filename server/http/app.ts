import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../../shared/protocol/errors.ts";
import type { AccessPolicy } from "../lib/access-policy.ts";
import { closeUnreadBodies, limitBody } from "./middleware/body-limit.ts";
import { hostAllowlist, requireAuth } from "./middleware/security.ts";
import { blobRoutes } from "./routes/blobs.ts";
import { deviceRoutes } from "./routes/devices.ts";
import { gitRoutes } from "./routes/git.ts";
import { pairingApiRoutes, pairingPages } from "./routes/pairing.ts";
import { pushRoutes } from "./routes/push.ts";
import { signInLinkRoutes, signInPages } from "./routes/sign-in.ts";
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
import { hookRoutes, interactiveRoutes } from "./routes/interactive.ts";
import { checkpointRoutes } from "./routes/checkpoints.ts";
import { workspaceRoutes } from "./routes/workspaces.ts";
import { workbenchRoutes } from "./routes/workbench.ts";
import { reviewRoutes } from "./routes/reviews.ts";
import { mcpRoutes } from "./routes/mcp.ts";
import type { HttpServices } from "./services.ts";
import { securityHeaders } from "./security-headers.ts";
import { spaRoutes } from "./spa.ts";

/** The typed REST API under /api; its type is what the web client's `hc` uses. */
export function createApi(services: HttpServices, policy: AccessPolicy) {
  return new Hono()
    .use(requireAuth(policy, services.remote.gate))
    .use(limitBody())
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
    .route("/", githubRoutes(services.integrations))
    .route("/", linearRoutes(services.integrations));
}

export type AppType = ReturnType<typeof createApi>;

/** The whole HTTP app: Host check, the API, the SPA with its sign-in exchange, and the one error handler. */
export function createApp(services: HttpServices, policy: AccessPolicy, webRoot: string) {
  const app = new Hono();
  // Outermost: sees the final response (securityHeaders makes its headers mutable).
  app.use(closeUnreadBodies());
  app.use(securityHeaders());
  app.use(hostAllowlist(policy));
  // For probes and supervisors: no sign-in, and it says nothing beyond "the server answers".
  app.get("/healthz", (c) => c.json({ ok: true }, 200, { "cache-control": "no-store" }));
  app.route("/api", createApi(services, policy));
  app.all("/api/*", () => {
    throw new AppError("not_found", "No such API route.");
  });
  app.route("/", signInPages(services.remote));
  app.route("/", hookRoutes(services));
  app.route("/", pairingPages(services.remote, policy));
  app.route("/", spaRoutes(services.remote, webRoot));
  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === "rate_limited") c.header("retry-after", String((appError.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60));
    if (appError.code === "internal") console.error(`[http] ${c.req.method} ${c.req.path} failed:`, error);
    return c.json(appError.toBody(), appError.status as 400);
  });
  return app;
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 408) return new AppError("request_timeout", "The request body arrived too slowly.");
    if (error.status === 413) return new AppError("payload_too_large", "The request is too large.");
    return new AppError(error.status === 400 ? "bad_request" : "internal", error.message || "Request failed.");
  }
  if (error instanceof SyntaxError) return new AppError("bad_request", `Malformed JSON: ${error.message}`);
  return new AppError("internal", "Something went wrong on the server; it has been logged.");
}
