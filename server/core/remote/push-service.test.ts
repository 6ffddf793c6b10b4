import { createECDH, randomBytes } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConversationId } from "../../../shared/ids.ts";
import { loadOrCreateVapidKeys } from "../../lib/vapid-keys.ts";
import { decryptWebPush } from "../../test-support/web-push-decrypt.ts";
import { openDatabase } from "../../persistence/db.ts";
import { DeviceRepo } from "../../persistence/device-repo.ts";
import { PushRepo } from "../../persistence/push-repo.ts";
import { DeviceService } from "./device-service.ts";
import { EventBus } from "../event-bus.ts";
import { NotificationDispatcher } from "./notification-dispatcher.ts";
import { isAllowedPushEndpoint } from "./push-endpoints.ts";
import { PushService } from "./push-service.ts";

type Received = { headers: Headers; body: Buffer };
const received: Received[] = [];
/** A local stand-in for a push service: records what arrives and answers 201 like FCM / Mozilla / Apple do. */
const pushEndpoint = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  fetch: async (request) => {
    received.push({ headers: request.headers, body: Buffer.from(await request.arrayBuffer()) });
    return new Response(null, { status: new URL(request.url).pathname === "/gone" ? 410 : 201 });
  },
});
afterAll(() => pushEndpoint.stop(true));

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), "chatml-push-"));
  const keys = loadOrCreateVapidKeys(dataDir);
  const db = openDatabase(":memory:");
  const devices = new DeviceService(new DeviceRepo(db));
  const repo = new PushRepo(db);
  // The local stand-in is accepted only because this test names its origin; real servers accept push services only.
  const push = new PushService({ repo, keys: () => keys, subject: "mailto:test@example.com", extraEndpointOrigins: [pushEndpoint.url.origin] });
  const browser = createECDH("prime256v1");
  browser.generateKeys();
  const auth = randomBytes(16);
  const { device } = devices.create({ userAgent: null, address: null });
  const subscribe = (path: string) =>
    push.subscribe(device.id, { endpoint: `${pushEndpoint.url}${path.slice(1)}`, keys: { p256dh: browser.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } });
  return { dataDir, keys, devices, push, repo, device, browser, auth, subscribe };
}

async function verifyVapid(header: string, publicKey: string): Promise<Record<string, unknown>> {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(header);
  expect(match?.[2]).toBe(publicKey);
  const [head, claims, signature] = (match?.[1] ?? "").split(".");
  const key = await crypto.subtle.importKey("raw", Buffer.from(publicKey, "base64url"), { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
  const isValid = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, Buffer.from(signature ?? "", "base64url"), Buffer.from(`${head}.${claims}`));
  expect(isValid).toBe(true);
  return JSON.parse(Buffer.from(claims ?? "", "base64url").toString()) as Record<string, unknown>;
}

describe("push endpoints", () => {
  it("accepts only real push services over https, so the server never POSTs anywhere a page names", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc",
      "https://updates.push.services.mozilla.com/wpush/v2/abc",
      "https://web.push.apple.com/QAbc",
      "https://wns2-par02p.notify.windows.com/w/?token=abc",
    ]) {
      expect(isAllowedPushEndpoint(endpoint), endpoint).toBe(true);
    }
    for (const endpoint of [
      "https://evil.example/x",
      "https://fcm.googleapis.com.evil.example/x",
      "https://evilfcm.googleapis.com.example/x",
      "http://fcm.googleapis.com/fcm/send/abc",
      "https://fcm.googleapis.com:8443/x",
      "https://user:pw@fcm.googleapis.com/x",
      "http://127.0.0.1:9999/x",
      "https://localhost/x",
      "https://10.0.0.1/x",
      "not a url",
    ]) {
      expect(isAllowedPushEndpoint(endpoint), endpoint).toBe(false);
    }
    expect(isAllowedPushEndpoint("http://127.0.0.1:9999/x", ["http://127.0.0.1:9999"])).toBe(true);
  });

  it("refuses a loopback endpoint on a server without the test override", () => {
    const t = setup();
    const strict = new PushService({ repo: t.repo, keys: () => t.keys, subject: "mailto:test@example.com" });
    expect(() => strict.subscribe(t.device.id, { endpoint: `${pushEndpoint.url}x`, keys: { p256dh: "a".repeat(20), auth: "b".repeat(10) } })).toThrow(/push service/);
  });
});

describe("Web Push", () => {
  it("keeps VAPID keys in the data dir with mode 0600", () => {
    const t = setup();
    expect(statSync(join(t.dataDir, "vapid.json")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateVapidKeys(t.dataDir)).toEqual(t.keys);
  });

  it("sends an aes128gcm request with a valid VAPID JWT whose payload decrypts", async () => {
    const t = setup();
    t.subscribe("/sub-1");
    received.length = 0;
    const delivered = await t.push.sendToDevice(t.device.id, { title: "Hello", body: "World", tag: "t", url: "/", conversationId: "" });
    expect(delivered).toBe(1);
    const [request] = received;
    expect(request?.headers.get("content-encoding")).toBe("aes128gcm");
    expect(Number(request?.headers.get("ttl"))).toBeGreaterThan(0);
    const claims = await verifyVapid(request?.headers.get("authorization") ?? "", t.keys.publicKey);
    expect(claims).toMatchObject({ aud: pushEndpoint.url.origin, sub: "mailto:test@example.com" });
    const plain = decryptWebPush(request?.body as Buffer, t.browser, t.auth);
    expect(JSON.parse(plain)).toMatchObject({ title: "Hello", body: "World" });
  });

  it("forgets a subscription the push service says is gone, and refuses plain-http remote endpoints", async () => {
    const t = setup();
    t.subscribe("/gone");
    expect(await t.push.sendToDevice(t.device.id, { title: "x", body: "y", tag: "t", url: "/", conversationId: "" })).toBe(0);
    expect(t.push.hasSubscription(t.device.id)).toBe(false);
    expect(() => t.push.subscribe(t.device.id, { endpoint: "http://push.example/x", keys: { p256dh: "a".repeat(20), auth: "b".repeat(10) } })).toThrow(/push service/);
  });

  it("notifies a permission request with Allow / Deny actions, honouring the device's settings", async () => {
    const t = setup();
    t.subscribe("/sub-2");
    const bus = new EventBus();
    let isWatching = false;
    new NotificationDispatcher({ bus, devices: t.devices, push: t.push, isWatching: () => isWatching, conversationTitle: () => "Fix the bug" }).start();
    const conversationId = ConversationId.parse("cnv_abcdefgh");
    const request = { id: "prm_abcdefgh", kind: "tool", toolName: "Bash", toolUseId: null, input: { command: "rm -rf build && bun run build" }, description: "Rebuild", blockedPath: null, agentId: null, suggestions: [], questions: null, plan: null, createdAt: 1 };
    const publish = () => bus.publish({ kind: "event", conversationId, sequenced: { seq: 1, at: 1, event: { type: "permission.requested", request } } as never });
    received.length = 0;
    publish();
    await expect.poll(() => received.length).toBe(1);
    const payload = JSON.parse(decryptWebPush(received[0]?.body as Buffer, t.browser, t.auth));
    expect(payload).toMatchObject({ title: "Fix the bug needs permission", body: "Bash: rm -rf build && bun run build", requestId: "prm_abcdefgh", url: `/#/c/${conversationId}` });
    expect(payload.actions.map((a: { action: string }) => a.action)).toEqual(["allow", "deny"]);
    isWatching = true;
    publish();
    t.devices.update(t.device.id, { notifications: { needsInput: false, finished: true } });
    isWatching = false;
    publish();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.length).toBe(1);
  });
});
