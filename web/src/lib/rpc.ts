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
    console.warn("[api] request failed:", error);
    throw new ApiError("network", unreachableMessage(), 0);
  }
  const body = (await readResponse(response as unknown as Response)) as T;
  return { body, entities: parseEntityRevision(response.headers.get(ENTITY_REVISION_HEADER)) };
}
