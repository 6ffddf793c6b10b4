import type { Clock, Db } from "./db.ts";

/** One Web Push subscription of a device. */
export type StoredPushSubscription = { endpoint: string; deviceId: string; p256dh: string; auth: string };

/** Push subscriptions, keyed by endpoint (a browser re-subscribing replaces its row). */
export class PushRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /**
   * Stores a subscription of a signed-in device; false (nothing stored) when the device is signed out. A subscribe
   * checked in before its device was revoked finishes after the revoke deleted the device's rows: unguarded, it left
   * one behind for a device that can never unsubscribe it.
   */
  upsert(subscription: StoredPushSubscription): boolean {
    return (
      this.db.run(
        `INSERT INTO push_subscriptions (endpoint, device_id, p256dh, auth, created_at)
         SELECT $endpoint, $device, $p256dh, $auth, $at WHERE EXISTS (SELECT 1 FROM devices WHERE id = $device AND revoked_at IS NULL)
         ON CONFLICT (endpoint) DO UPDATE SET device_id = excluded.device_id, p256dh = excluded.p256dh, auth = excluded.auth`,
        { endpoint: subscription.endpoint, device: subscription.deviceId, p256dh: subscription.p256dh, auth: subscription.auth, at: this.now() },
      ).changes > 0
    );
  }

  /** Forgets the subscriptions of signed-out devices (left by that race, or by a database written before the guard). */
  removeForRevokedDevices(): number {
    return this.db.run("DELETE FROM push_subscriptions WHERE device_id IN (SELECT id FROM devices WHERE revoked_at IS NOT NULL)").changes;
  }

  listForDevice(deviceId: string): StoredPushSubscription[] {
    return this.db
      .all<{ endpoint: string; device_id: string; p256dh: string; auth: string }>(
        "SELECT endpoint, device_id, p256dh, auth FROM push_subscriptions WHERE device_id = $device",
        { device: deviceId },
      )
      .map((row) => ({ endpoint: row.endpoint, deviceId: row.device_id, p256dh: row.p256dh, auth: row.auth }));
  }

  removeForDevice(deviceId: string): void {
    this.db.run("DELETE FROM push_subscriptions WHERE device_id = $device", { device: deviceId });
  }

  /** The push service said the subscription is gone (404/410). */
  remove(endpoint: string): void {
    this.db.run("DELETE FROM push_subscriptions WHERE endpoint = $endpoint", { endpoint });
  }
}
