import { hc, type ClientResponse } from "hono/client";
import type { AppType } from "../../../server/http/app.ts";
import { ApiError, readResponse } from "./http.ts";

/** The typed REST client: Hono RPC over the server's `AppType`, all same-origin with the session cookie. */
export const client = hc<AppType>("/api", { init: { credentials: "same-origin" } });

/** Awaits a typed call, turning network failures and error bodies into `ApiError`. */
export async function call<T>(pending: Promise<ClientResponse<T>>): Promise<T> {
  let response: ClientResponse<T>;
  try {
    response = await pending;
  } catch (error) {
    console.warn("[api] request failed:", error);
    throw new ApiError("network", unreachableMessage(), 0);
  }
  return (await readResponse(response as unknown as Response)) as T;
}

/** Says whose side the problem is on: this device has no network, or the server does not answer. */
export function unreachableMessage(): string {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return "This device is offline. ChatML reconnects by itself when the network is back.";
  return "Cannot reach the ChatML server. Check that it is running and that this device can reach it; ChatML keeps trying.";
}
