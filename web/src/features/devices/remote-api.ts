import type { NotificationSettings, PushSubscriptionInput } from "../../../../shared/index.ts";
import { call, client } from "../../lib/rpc.ts";

/** REST calls of the remote-access features: devices, pairing, network facts, push and token rotation. */
export const remoteApi = {
  devices: () => call(client.devices.$get()),
  revoke: (id: string) => call(client.devices[":id"].$delete({ param: { id } })),
  updateDevice: (id: string, patch: { name?: string; notifications?: NotificationSettings }) =>
    call(client.devices[":id"].$patch({ param: { id }, json: patch })),
  network: () => call(client.network.$get()),
  pairingReach: () => call(client.pairing.$get()),
  createPairing: () => call(client.pairing.$post()),
  pairingUse: (id: string) => call(client.pairing[":id"].$get({ param: { id } })),
  rotateToken: () => call(client.auth["rotate-token"].$post()),
  pushInfo: () => call(client.push.$get()),
  subscribePush: (subscription: PushSubscriptionInput) => call(client.push.subscription.$put({ json: subscription })),
  unsubscribePush: () => call(client.push.subscription.$delete()),
  testPush: () => call(client.push.test.$post()),
};

export type DeviceRow = Awaited<ReturnType<typeof remoteApi.devices>>["devices"][number];
export type NetworkFacts = Awaited<ReturnType<typeof remoteApi.network>>["network"];
