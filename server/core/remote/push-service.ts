import type { PushSubscriptionInput } from "../../../shared/api/inputs.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { VapidKeys } from "../../lib/vapid-keys.ts";
import { assertPushEndpoint, isAllowedPushEndpoint } from "./push-endpoints.ts";
import type { PushRepo } from "../../persistence/push-repo.ts";

/** What a notification carries to the service worker. */
export type PushPayload = {
  title: string;
  body: string;
  /** Replaces an earlier notification with the same tag (one per conversation). */
  tag: string;
  /** Where a tap opens, e.g. `/#/c/cnv_…`. */
  url: string;
  conversationId: string;
  /** Set for tool permissions: the notification offers Allow / Deny. */
  requestId?: string;
  actions?: { action: "allow" | "deny"; title: string }[];
};

type Deps = {
  repo: PushRepo;
  /** Read (or made) on first use: a start that pushes nothing need not read, parse or generate them (issue 16). */
  keys: () => VapidKeys;
  subject: string;
  fetch?: typeof fetch;
  /** Endpoint origins accepted besides the real push services: only tests' local stand-ins set this. */
  extraEndpointOrigins?: readonly string[];
};

/** Web Push with VAPID: stores subscriptions per device and sends encrypted (aes128gcm) notifications. */
export class PushService {
  private readonly fetch: typeof fetch;

  constructor(private readonly deps: Deps) {
    this.fetch = deps.fetch ?? fetch;
  }

  get publicKey(): string {
    return this.deps.keys().publicKey;
  }

  /** Keeps a device's subscription; refused when the device was signed out meanwhile (it would never be removed). */
  subscribe(deviceId: string, input: PushSubscriptionInput): void {
    assertPushEndpoint(input.endpoint, this.deps.extraEndpointOrigins);
    const isKept = this.deps.repo.upsert({ endpoint: input.endpoint, deviceId, p256dh: input.keys.p256dh, auth: input.keys.auth });
    if (!isKept) throw new AppError("unauthorized", "This device was signed out, so notifications were not turned on. Sign it in again to get them.");
  }

  unsubscribe(deviceId: string): void {
    this.deps.repo.removeForDevice(deviceId);
  }

  hasSubscription(deviceId: string): boolean {
    return this.deps.repo.listForDevice(deviceId).length > 0;
  }

  /** Sends to every subscription of a device; gone subscriptions (404/410) are forgotten. Never throws. */
  async sendToDevice(deviceId: string, payload: PushPayload): Promise<number> {
    let delivered = 0;
    for (const subscription of this.deps.repo.listForDevice(deviceId)) {
      // Stored by an older version that accepted any endpoint: never sent to, and forgotten.
      if (!isAllowedPushEndpoint(subscription.endpoint, this.deps.extraEndpointOrigins)) {
        this.deps.repo.remove(subscription.endpoint);
        continue;
      }
      try {
        const status = await this.sendOne(subscription, payload);
        if (status === 404 || status === 410) this.deps.repo.remove(subscription.endpoint);
        else if (status >= 200 && status < 300) delivered += 1;
        else console.warn(`[push] ${new URL(subscription.endpoint).host} answered ${status}`);
      } catch (error) {
        console.warn(`[push] sending to ${new URL(subscription.endpoint).host} failed:`, error);
      }
    }
    return delivered;
  }

  private async sendOne(subscription: { endpoint: string; p256dh: string; auth: string }, payload: PushPayload): Promise<number> {
    // web-push (and its crypto dependencies) loads on the first notification, not at start-up.
    const { default: webpush } = await import("web-push");
    const details = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: { subject: this.deps.subject, publicKey: this.deps.keys().publicKey, privateKey: this.deps.keys().privateKey },
        TTL: 60 * 60,
        urgency: payload.requestId ? "high" : "normal",
        contentEncoding: "aes128gcm",
      },
    );
    const response = await this.fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ? new Uint8Array(details.body) : undefined,
    });
    return response.status;
  }
}
