import { hc, type ClientResponse } from "hono/client";
import type { AppType } from "../../../server/http/app.ts";
import type { EntityRevision } from "../../../shared/index.ts";
import { ENTITY_REVISION_HEADER, parseEntityRevision } from "../../../shared/protocol/entity-revision-header.ts";
import { ApiError, readResponse } from "./http.ts";
import { unreachableMessage } from "./unreachable.ts";

/** The typed REST client: Hono RPC over the server's `AppType`, all same-origin with the session cookie. */
export const client = hc<AppType>("/api", { init: { credentials: "same-origin" } });

/** Awaits a typed call, turning network failures and error bodies into `ApiError`. */
export async function call<T>(pending: Promise<ClientResponse<T>>): Promise<T> {
  return (await callWithEntities(pending)).body;
}

/** `call`, with the count of entity changes the server had sent when it read the answer (null when it did not say). */
export async function callWithEntities<T>(pending: Promise<ClientResponse<T>>): Promise<{ body: T; entities: EntityRevision | null }> {
  let response: ClientResponse<T>;
  try {
    response = await pending;
  } catch (error) {
    // A caller's own abort is not a failure; an unreachable server is said to the user, not logged. Anything else
    // thrown before an answer came is a fault in the page, which whoever debugs it must see.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    if (!isNetworkFailure(error)) console.error("[api] the request could not be sent:", error);
    throw new ApiError("network", unreachableMessage(), 0);
  }
  try {
    const body = (await readResponse(response as unknown as Response)) as T;
    return { body, entities: parseEntityRevision(response.headers.get(ENTITY_REVISION_HEADER)) };
  } catch (error) {
    // A refusal (400, 409, a 503 "Claude Code is not running") says what to do, in the UI; only the server failing
    // (`internal`, which is also any answer this page cannot read, a proxy's 502 page say) is logged.
    if (error instanceof ApiError && error.code === "internal") console.error(`[api] ${response.url || "a request"} answered ${error.status}: ${error.message}`);
    throw error;
  }
}

/** `fetch` rejects with a TypeError when no answer came back (offline, server down, connection reset). */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}
