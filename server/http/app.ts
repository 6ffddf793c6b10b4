import type { Hono } from "hono";
import { linearApp } from "./linear-app.ts";
import type { AccessPolicy } from "../lib/access-policy.ts";
import { closeUnreadBodies } from "./middleware/body-limit.ts";
import { hostAllowlist } from "./middleware/security.ts";
import { trackWork } from "./middleware/work-in-flight.ts";
import { traceRequests } from "./middleware/trace-requests.ts";
import { deltaTrace } from "../lib/delta-trace.ts";
import { pairingPages } from "./routes/pairing.ts";
import { signInPages } from "./routes/sign-in.ts";
import type { AppServices } from "./services.ts";
import { securityHeaders } from "./security-headers.ts";
import { spaRoutes } from "./spa.ts";
import { toErrorResponse } from "./error-response.ts";
import { AppError } from "../../shared/protocol/errors.ts";

/** The REST API's type, for the web client's `hc` (the API itself is in api.ts, loaded lazily). */
export type { AppType } from "./api.ts";

/**
 * How long after the app is built the API (with the conversations, jobs and the integrations) is loaded anyway, if no
 * /api request or socket came first: long enough for a probe's or the page's first request to be answered before.
 */
const API_WARM_UP_MS = 250;

/** The whole HTTP app: Host check, the API, the SPA with its sign-in exchange, and the one error handler. */
export function createApp(services: AppServices, policy: AccessPolicy, webRoot: string) {
  // A handful of routes (the API is one of them, with its own router): matching them one by one costs nothing, where
  // Hono's default router compiled them into one expression on the first request, ~5 ms of the start's first answer
  // (ADR 0183).
  const app = linearApp();
  // Outermost: sees the final response (securityHeaders makes its headers mutable).
  app.use(closeUnreadBodies());
  app.use(securityHeaders());
  app.use(hostAllowlist(policy));
  app.use(trackWork(services.work));
  if (deltaTrace) app.use(traceRequests(deltaTrace));
  // For probes and supervisors: no sign-in, and it says nothing beyond "the server answers".
  app.get("/healthz", (c) => c.json({ ok: true }, 200, { "cache-control": "no-store" }));
  const api = lazyApi(services, policy);
  app.all("/api/*", async (c) => (await api()).fetch(c.req.raw, c.env));
  app.route("/", signInPages(services.remote));
  app.route("/", pairingPages(services.remote, policy, services.bodyDeadlineBaseMs));
  app.route("/", spaRoutes(services.remote, webRoot));
  app.onError(toErrorResponse);
  return app;
}

/**
 * The API app, built once: on the first /api request or shortly after start, whichever comes first. Importing its
 * ~30 route modules and their schemas is a large part of start-up (issue 16), and the first request (a probe, the
 * page) does not need them. Building it waits for the conversations' composition (with restart recovery, ADR 0210),
 * composes and starts the later rooms — jobs and the integrations (ADR 0081), source control, the workbench and
 * interactive Claude — and loads the conversations' runtime (ADR 0189): so a start's dead turns are settled, its jobs
 * fire, and GitHub and Linear are polled, from API_WARM_UP_MS after it at the latest. A load that fails is every /api
 * request's answer and is told to `failedAfterListen` (ADR 0217); it waits for every composition after the listen, so
 * it also sees one a socket started.
 */
function lazyApi(services: AppServices, policy: AccessPolicy): () => Promise<Hono> {
  let api: Promise<Hono> | null = null;
  const load = () => (api ??= loadApi(services, policy));
  setTimeout(() => void load(), API_WARM_UP_MS).unref();
  return load;
}

function loadApi(services: AppServices, policy: AccessPolicy): Promise<Hono> {
  const loading = Promise.all([import("./api.ts"), services.composedAfterListen()]).then(([module, composed]) => module.createMountedApi({ ...services, ...composed }, policy));
  loading.catch((error: unknown) => {
    // A server stopped by then has no use for it.
    if (error instanceof AppError && error.code === "server_stopping") return;
    console.error("[start] the API, with the conversations, jobs and the integrations, did not load:", error);
    services.failedAfterListen(error instanceof Error ? error : new Error(String(error)));
  });
  return loading;
}
