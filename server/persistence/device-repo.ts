import { NotificationSettings } from "../../shared/api/inputs.ts";
import type { Clock, Db } from "./db.ts";
import { decodeJson } from "./errors.ts";

/** A signed-in browser. The cookie secret is stored only as a SHA-256 hash. */
export type StoredDevice = {
  id: string;
  name: string;
  secretHash: string;
  createdAt: number;
  lastSeenAt: number;
  lastAddress: string | null;
  userAgent: string | null;
  notifications: NotificationSettings;
  revokedAt: number | null;
};

export type NewDevice = Pick<StoredDevice, "id" | "name" | "secretHash" | "lastAddress" | "userAgent" | "notifications">;

type Row = {
  id: string;
  name: string;
  secret_hash: string;
  created_at: number;
  last_seen_at: number;
  last_address: string | null;
  user_agent: string | null;
  notifications: string;
  revoked_at: number | null;
};

/** Devices: create, find, touch, rename, revoke. */
export class DeviceRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  create(device: NewDevice): StoredDevice {
    const at = this.now();
    this.db.run(
      `INSERT INTO devices (id, name, secret_hash, created_at, last_seen_at, last_address, user_agent, notifications)
       VALUES ($id, $name, $hash, $at, $at, $address, $ua, $notifications)`,
      {
        id: device.id,
        name: device.name,
        hash: device.secretHash,
        at,
        address: device.lastAddress,
        ua: device.userAgent,
        notifications: JSON.stringify(device.notifications),
      },
    );
    return this.get(device.id) as StoredDevice;
  }

  get(id: string): StoredDevice | null {
    const row = this.db.get<Row>("SELECT * FROM devices WHERE id = $id", { id });
    return row ? toDevice(row) : null;
  }

  /**
   * Devices not revoked, in the order they were paired: an order by when each was last seen moved rows under the
   * user's finger whenever a device made a request (a rename made this device jump to the top).
   */
  listActive(): StoredDevice[] {
    return this.db.all<Row>("SELECT * FROM devices WHERE revoked_at IS NULL ORDER BY created_at, rowid").map(toDevice);
  }

  touch(id: string, address: string | null): void {
    this.db.run("UPDATE devices SET last_seen_at = $at, last_address = COALESCE($address, last_address) WHERE id = $id", {
      id,
      at: this.now(),
      address,
    });
  }

  /** A device signed in again: seen now, from this address and browser, and renamed when `name` is given. */
  signInAgain(id: string, seen: { address: string | null; userAgent: string | null; name?: string }): void {
    this.db.run(
      `UPDATE devices SET last_seen_at = $at, last_address = COALESCE($address, last_address), user_agent = COALESCE($ua, user_agent),
       name = COALESCE($name, name) WHERE id = $id`,
      { id, at: this.now(), address: seen.address, ua: seen.userAgent, name: seen.name ?? null },
    );
  }

  update(id: string, patch: { name?: string; notifications?: NotificationSettings }): void {
    if (patch.name !== undefined) this.db.run("UPDATE devices SET name = $name WHERE id = $id", { id, name: patch.name });
    if (patch.notifications !== undefined) {
      this.db.run("UPDATE devices SET notifications = $n WHERE id = $id", { id, n: JSON.stringify(patch.notifications) });
    }
  }

  /** Revokes one device (and drops its push subscriptions); true when it was active. */
  revoke(id: string): boolean {
    return this.db.transaction(() => {
      this.db.run("DELETE FROM push_subscriptions WHERE device_id = $id", { id });
      return this.db.run("UPDATE devices SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL", { id, at: this.now() }).changes > 0;
    });
  }

  /** Revokes every device (token rotation signs everyone out); returns their ids. */
  revokeAll(): string[] {
    const ids = this.listActive().map((device) => device.id);
    this.db.transaction(() => {
      this.db.run("DELETE FROM push_subscriptions");
      this.db.run("UPDATE devices SET revoked_at = $at WHERE revoked_at IS NULL", { at: this.now() });
    });
    return ids;
  }
}

function toDevice(row: Row): StoredDevice {
  return {
    id: row.id,
    name: row.name,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    lastAddress: row.last_address,
    userAgent: row.user_agent,
    notifications: decodeJson(NotificationSettings, row.notifications, `device ${row.id} notifications`),
    revokedAt: row.revoked_at,
  };
}
