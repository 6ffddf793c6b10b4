import { sha256Hex, timingSafeEqual } from "../../lib/web-crypto.ts";
import type { NotificationSettings, UpdateDeviceInput } from "../../../shared/api/inputs.ts";
import { cleanDeviceName } from "../../../shared/api/device-name.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { randomToken } from "../../lib/sign-in-token.ts";
import type { DeviceRepo, StoredDevice } from "../../persistence/device-repo.ts";

/** What a device sees about itself and the others. */
export type DeviceView = Omit<StoredDevice, "secretHash" | "revokedAt">;

/** New devices get every notification until they say otherwise. */
export const DEFAULT_NOTIFICATIONS: NotificationSettings = { needsInput: true, finished: true };
/** What signed devices out: a Sign out or Revoke on a Devices screen, or the sign-in token's rotation (every device). */
export type RevokeCause = "signed-out" | "token-rotated";

/** Last-seen times are written at most this often per device. */
const TOUCH_EVERY_MS = 30_000;

/** SHA-256 hex of a secret; what we store instead of it. */
export function hashSecret(secret: string): string {
  return sha256Hex(secret);
}

/** Signed-in devices: each has its own long-lived cookie secret (stored hashed), a name, and can be revoked. */
export class DeviceService {
  private readonly touchedAt = new Map<string, number>();
  private readonly revokeListeners = new Set<(ids: string[], cause: RevokeCause) => void>();
  private readonly changeListeners = new Set<(device: DeviceView | null) => void>();

  constructor(
    private readonly repo: DeviceRepo,
    private readonly now: () => number = Date.now,
  ) {
    this.renameDuplicates();
  }

  /**
   * Signs in a new device, named `name` (as chosen on the pairing page) or after its browser, numbered when a
   * signed-in device has that name; returns it and the cookie value (`<id>.<secret>`) to set.
   */
  create(input: { userAgent: string | null; address: string | null; name?: string }): { device: DeviceView; cookie: string } {
    const id = `dev_${randomToken().slice(0, 16)}`;
    const secret = randomToken();
    const device = this.repo.create({
      id,
      name: input.name === undefined ? this.suggestName(input.userAgent) : distinctName(input.name, this.repo.listActive().map((d) => d.name)),
      secretHash: hashSecret(secret),
      lastAddress: input.address,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      notifications: DEFAULT_NOTIFICATIONS,
    });
    this.changed(toView(device));
    return { device: toView(device), cookie: `${id}.${secret}` };
  }

  /**
   * The name the pairing page offers a device: after its browser, numbered as {@link create} would number it ("iPhone 2"
   * beside an "iPhone"), so the name shown is the name it gets.
   */
  suggestName(userAgent: string | null): string {
    return distinctName(nameFromUserAgent(userAgent), this.repo.listActive().map((d) => d.name));
  }

  /** The active device a cookie value names, or null (unknown, revoked, or a wrong secret). */
  verify(cookie: string, address: string | null): DeviceView | null {
    const device = this.holderOf(cookie);
    if (!device || device.revokedAt !== null) return null;
    this.touch(device.id, address);
    return toView(device);
  }

  /**
   * The active device whose cookie a browser presents while signing in again, brought up to date (seen now, from this
   * address, with this browser; renamed when the pairing page named it and the name is free); null when the cookie is
   * not an active device's (a revoked device stays revoked: its holder signs in as a new one).
   */
  signInAgain(cookie: string, input: { userAgent: string | null; address: string | null; name?: string }): DeviceView | null {
    const device = this.holderOf(cookie);
    if (!device || device.revokedAt !== null) return null;
    const isNameFree = input.name !== undefined && !this.repo.listActive().some((d) => d.id !== device.id && d.name === input.name);
    this.repo.signInAgain(device.id, { address: input.address, userAgent: input.userAgent?.slice(0, 300) ?? null, ...(isNameFree ? { name: input.name } : {}) });
    this.touchedAt.set(device.id, this.now());
    const updated = toView(this.repo.get(device.id) as StoredDevice);
    this.changed(updated);
    return updated;
  }

  /**
   * When a cookie is a real device's (its secret matches) but that device was signed out: its name and when. Only
   * the holder of the secret learns this, so it tells an attacker nothing.
   */
  revocationOf(cookie: string): { name: string; revokedAt: number } | null {
    const device = this.holderOf(cookie);
    return device?.revokedAt != null ? { name: device.name, revokedAt: device.revokedAt } : null;
  }

  private holderOf(cookie: string) {
    const match = /^(dev_[A-Za-z0-9_-]{6,64})\.([A-Za-z0-9_-]{43})$/.exec(cookie);
    if (!match?.[1] || !match[2]) return null;
    const device = this.repo.get(match[1]);
    if (!device) return null;
    const expected = Buffer.from(device.secretHash, "hex");
    const actual = Buffer.from(hashSecret(match[2]), "hex");
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? device : null;
  }

  get(id: string): DeviceView | null {
    const device = this.repo.get(id);
    return device && device.revokedAt === null ? toView(device) : null;
  }

  list(): DeviceView[] {
    return this.repo.listActive().map(toView);
  }

  /** Renames or changes notifications; a name another signed-in device has is refused (it would read as either). */
  update(id: string, patch: UpdateDeviceInput): DeviceView {
    if (!this.get(id)) throw new AppError("not_found", "No such device.");
    if (patch.name !== undefined && this.repo.listActive().some((d) => d.id !== id && d.name === patch.name)) {
      throw new AppError("conflict", `Another signed-in device is already called “${patch.name}”: pick a name that tells them apart.`);
    }
    this.repo.update(id, patch);
    const device = this.get(id) as DeviceView;
    this.changed(device);
    return device;
  }

  /** Revokes a device; its cookie stops working and listeners close its sockets at once. */
  revoke(id: string): void {
    if (!this.repo.revoke(id)) throw new AppError("not_found", "No such device (or it is already signed out).");
    console.log(`[security] device ${id} revoked`);
    for (const listener of this.revokeListeners) listener([id], "signed-out");
    this.changed(null);
  }

  /** Revokes every device (token rotation). */
  revokeAll(): void {
    const ids = this.repo.revokeAll();
    for (const listener of this.revokeListeners) listener(ids, "token-rotated");
    this.changed(null);
  }

  /**
   * A device's last socket closed: it was here until now. Its requests mark it seen only every 30 s and a page that
   * only listens sends none, so without this a phone that watched a conversation for an hour read "last seen 1 hour
   * ago" the moment it left.
   */
  left(id: string): void {
    this.touchedAt.set(id, this.now());
    this.repo.touch(id, null);
  }

  /** Called with the ids of revoked devices and what revoked them. */
  onRevoke(listener: (ids: string[], cause: RevokeCause) => void): void {
    this.revokeListeners.add(listener);
  }

  /**
   * Called when a device signs in, is renamed or its notifications change (with it as it is now), or is signed out
   * (with null); not when it is merely seen.
   */
  onChange(listener: (device: DeviceView | null) => void): void {
    this.changeListeners.add(listener);
  }

  /**
   * Devices paired before names were kept distinct may share one (two phones, both "Chrome on Android"): every later
   * one is numbered as a new one would be, so "N devices here", the Devices screen and "Answered on …" tell them apart.
   * Names saved before control characters were refused lose them (a line break forged security-log lines, a
   * right-to-left override showed another name), by the rule a name typed today meets.
   */
  private renameDuplicates(): void {
    const byPairing = this.repo.listActive().sort((a, b) => a.createdAt - b.createdAt);
    const taken: string[] = [];
    for (const device of byPairing) {
      const name = distinctName(cleanDeviceName(device.name, nameFromUserAgent(device.userAgent)), taken);
      if (name !== device.name) this.repo.update(device.id, { name });
      taken.push(name);
    }
  }

  private changed(device: DeviceView | null): void {
    for (const listener of this.changeListeners) listener(device);
  }

  private touch(id: string, address: string | null): void {
    const at = this.now();
    if (at - (this.touchedAt.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touchedAt.set(id, at);
    this.repo.touch(id, address);
  }
}

function toView({ secretHash: _hash, revokedAt: _revoked, ...view }: StoredDevice): DeviceView {
  return view;
}

/** `name`, or when a signed-in device has it already, `name (2)`, `name (3)`, … (the first one free). */
export function distinctName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  let n = 2;
  while (taken.includes(`${name} (${n})`)) n++;
  return `${name} (${n})`;
}

/** A readable default name, e.g. "Safari on iPhone" or "Chrome on Linux". */
export function nameFromUserAgent(userAgent: string | null): string {
  const ua = userAgent ?? "";
  const platform = /iPhone/.test(ua) ? "iPhone" : /iPad/.test(ua) ? "iPad" : /Android/.test(ua) ? "Android" : /Mac OS X/.test(ua) ? "Mac" : /Windows/.test(ua) ? "Windows" : /Linux/.test(ua) ? "Linux" : null;
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\/|CriOS/.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : null;
  if (browser && platform) return `${browser} on ${platform}`;
  return browser ?? platform ?? "Unknown device";
}
