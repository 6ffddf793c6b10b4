import type { AuthGate } from "./auth-gate.ts";
import type { DeviceService } from "./device-service.ts";
import type { HowToReach } from "./pairing-address.ts";
import type { PairingService } from "./pairing-service.ts";
import type { PushService } from "./push-service.ts";

/** How the server can be reached, for the network banner and for pairing links. */
export type NetworkInfo = {
  /** True when bound beyond loopback or behind a public URL. */
  isNetworkReachable: boolean;
  /** LAN URLs when bound to every interface (or the bound address). */
  lanUrls: string[];
  publicUrl: string | null;
  isHttps: boolean;
  /** What to restart ChatML with so a phone can reach it. */
  howToReach: HowToReach;
};

/** Everything the remote-access routes need: sign-in checks, devices, pairing, push and token rotation. */
export type RemoteAccess = {
  gate: AuthGate;
  devices: DeviceService;
  pairing: PairingService;
  push: PushService;
  network(): NetworkInfo;
  /** True when the device has a live socket. */
  isConnected(deviceId: string): boolean;
  /** Replaces the start token and signs every device out (their sockets close). */
  rotateToken(): void;
  /** Whether the proxy's X-Forwarded-* headers are believed. */
  trustProxy: boolean;
};
