import type { ConversationId } from "../shared/ids.ts";
import { AuthGate } from "./core/remote/auth-gate.ts";
import { DeviceService } from "./core/remote/device-service.ts";
import type { EventBus } from "./core/event-bus.ts";
import { NotificationDispatcher } from "./core/remote/notification-dispatcher.ts";
import { PairingService } from "./core/remote/pairing-service.ts";
import { PushService } from "./core/remote/push-service.ts";
import { RateLimiter } from "./core/remote/rate-limiter.ts";
import type { NetworkInfo, RemoteAccess } from "./core/remote/remote-access.ts";
import { SignInToken } from "./lib/sign-in-token.ts";
import { loadOrCreateVapidKeys, type VapidKeys } from "./lib/vapid-keys.ts";
import type { Db } from "./persistence/db.ts";
import { DeviceRepo } from "./persistence/device-repo.ts";
import { PairingRepo } from "./persistence/pairing-repo.ts";
import { PushRepo } from "./persistence/push-repo.ts";
import type { BrowserHub } from "./ws/browser-hub.ts";

type Deps = {
  dataDir: string;
  db: Db;
  bus: EventBus;
  /** The browsers' sockets, once the conversations are composed (ADR 0210): none is open before. */
  hub(): BrowserHub | null;
  trustProxy: boolean;
  network(): NetworkInfo;
  conversationTitle(id: ConversationId): string | null;
  /** Told the new token after a rotation (to print the new sign-in link). */
  onTokenRotated(token: string): void;
};

/** Wires sign-in, devices, pairing and push (issue 5) for the composition root. */
export function composeRemoteAccess(deps: Deps): { remote: RemoteAccess; token: SignInToken } {
  const token = new SignInToken(deps.dataDir);
  const devices = new DeviceService(new DeviceRepo(deps.db));
  const gate = new AuthGate({ token, devices, limiter: new RateLimiter() });
  const pairing = new PairingService({ repo: new PairingRepo(deps.db), devices, gate });
  const pushRepo = new PushRepo(deps.db);
  // Revoking deletes a device's subscriptions; ones an older version (or a subscribe racing the revoke) left are dropped.
  pushRepo.removeForRevokedDevices();
  let vapidKeys: VapidKeys | null = null;
  const push = new PushService({ repo: pushRepo, keys: () => (vapidKeys ??= loadOrCreateVapidKeys(deps.dataDir)), subject: "mailto:chatml@localhost" });
  devices.onRevoke((ids, cause) => deps.hub()?.closeDevices(ids, cause));
  devices.onChange((device) => {
    if (device) deps.hub()?.renameDevice(device.id, device.name);
    deps.bus.publish({ kind: "devices" });
  });
  new NotificationDispatcher({
    bus: deps.bus,
    devices,
    push,
    isWatching: (conversationId, deviceId) => deps.hub()?.isWatching(conversationId, deviceId) ?? false,
    conversationTitle: deps.conversationTitle,
  }).start();
  const remote: RemoteAccess = {
    gate,
    devices,
    pairing,
    push,
    trustProxy: deps.trustProxy,
    network: deps.network,
    isConnected: (deviceId) => deps.hub()?.isConnected(deviceId) ?? false,
    rotateToken: () => {
      const next = token.rotate();
      // Links end first, marked as ended by the rotation: ended by the devices' sign-out they would blame the device.
      pairing.expireAll();
      devices.revokeAll();
      deps.hub()?.closeAll(4401, "Every device was signed out: the sign-in token was rotated.");
      console.log("[security] the sign-in token was rotated; every device is signed out");
      deps.onTokenRotated(next);
    },
  };
  return { remote, token };
}
