import { hc, type ClientResponse } from "hono/client";
import type { NotificationSettings, PushSubscriptionInput } from "../../../../shared/index.ts";
import type { AppType } from "../../../../server/http/app.ts";
import { ApiError, readResponse } from "../../lib/http.ts";

const client = hc<AppType>("/api", { init: { credentials: "same-origin" } });

async function call<T>(pending: Promise<ClientResponse<T>>): Promise<T> {
  let response: ClientResponse<T>;
  try {
    response = await pending;
  } catch (error) {
    throw new ApiError("network", `Cannot reach the ChatML server (${String(error)})`, 0);
  }
  return (await readResponse(response as unknown as Response)) as T;
}

/** REST calls of the remote-access features: devices, pairing, network facts, push and token rotation. */
export const remoteApi = {
  devices: () => call(client.devices.$get()),
  revoke: (id: string) => call(client.devices[":id"].$delete({ param: { id } })),
  updateDevice: (id: string, patch: { name?: string; notifications?: NotificationSettings }) =>
    call(client.devices[":id"].$patch({ param: { id }, json: patch })),
  network: () => call(client.network.$get()),
  createPairing: () => call(client.pairing.$post()),
  rotateToken: () => call(client.auth["rotate-token"].$post()),
  pushInfo: () => call(client.push.$get()),
  subscribePush: (subscription: PushSubscriptionInput) => call(client.push.subscription.$put({ json: subscription })),
  unsubscribePush: () => call(client.push.subscription.$delete()),
  testPush: () => call(client.push.test.$post()),
};

export type DeviceRow = Awaited<ReturnType<typeof remoteApi.devices>>["devices"][number];
export type NetworkFacts = Awaited<ReturnType<typeof remoteApi.network>>["network"];
