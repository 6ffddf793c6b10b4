import type { Migration } from "../migrate.ts";

/**
 * Remote access: signed-in devices (each with its own hashed cookie secret), one-time pairing codes (hashed), and
 * Web Push subscriptions per device. Revoking a device deletes its push subscriptions.
 */
export const migration0003: Migration = {
  version: 3,
  name: "remote-access",
  sql: `
CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  last_address TEXT,
  user_agent TEXT,
  notifications TEXT NOT NULL,
  revoked_at INTEGER
) STRICT;

CREATE TABLE pairing_codes (
  code_hash TEXT PRIMARY KEY,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  used_by TEXT
) STRICT;

CREATE TABLE push_subscriptions (
  endpoint TEXT PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX push_subscriptions_by_device ON push_subscriptions (device_id);
`,
};
