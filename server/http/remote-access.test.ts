import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

const PUBLIC_URL = "https://box.tailnet.ts.net";
let server: TestServer;
beforeAll(async () => {
  // trust-proxy lets each test speak from its own address (X-Forwarded-For), as a tunnel would report it.
  server = await startTestServer({ claudeBin: "/nonexistent/claude", config: { publicUrl: PUBLIC_URL, trustProxy: true } });
});
afterAll(() => server.cleanup());

const from = (address: string, extra: Record<string, string> = {}) => ({ "x-forwarded-for": address, ...extra });

async function signIn(address: string): Promise<string> {
  const response = await fetch(server.signInUrl, { redirect: "manual", headers: from(address) });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

function call(path: string, cookie: string, address: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const headers = from(address, { cookie, origin: server.url, "content-type": "application/json" });
  return fetch(`${server.url}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

async function pairingCode(cookie: string, address: string): Promise<{ code: string; url: string }> {
  const response = await call("/api/pairing", cookie, address, { method: "POST" });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { url: string; qrSvg: string; expiresAt: number };
  expect(body.qrSvg).toContain("<svg");
  expect(body.expiresAt - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  return { code: new URL(body.url).searchParams.get("code") ?? "", url: body.url };
}

function redeem(code: string, address: string, origin = server.url): Promise<Response> {
  const body = new URLSearchParams({ code, name: "Test phone" });
  return fetch(`${server.url}/pair`, { method: "POST", redirect: "manual", body, headers: from(address, { origin, "x-forwarded-proto": "https" }) });
}

describe("device pairing", () => {
  it("offers a phone the name a device of the same browser already has numbered, as it would be named (\"Safari on iPhone (2)\")", async () => {
    const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
    const first = await signIn("10.0.5.1");
    const { code: firstCode } = await pairingCode(first, "10.0.5.1");
    const pairedFirst = await fetch(`${server.url}/pair`, { method: "POST", redirect: "manual", body: new URLSearchParams({ code: firstCode }), headers: from("10.0.5.2", { origin: server.url, "user-agent": IPHONE, "x-forwarded-proto": "https" }) });
    expect(pairedFirst.status).toBe(303);
    const { code } = await pairingCode(first, "10.0.5.1");
    const page = await (await fetch(`${server.url}/pair?code=${code}`, { headers: from("10.0.5.3", { "user-agent": IPHONE }) })).text();
    expect(page).toContain('name="name" value="Safari on iPhone (2)"');
  });

  it("signs a second device in with its own Secure HttpOnly cookie, once", async () => {
    const desktop = await signIn("10.0.0.1");
    const { code, url } = await pairingCode(desktop, "10.0.0.1");
    expect(url.startsWith(`${PUBLIC_URL}/pair?code=`)).toBe(true);
    const page = await fetch(`${server.url}/pair?code=${code}`, { headers: from("10.0.0.2") });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('method="post"');
    const paired = await redeem(code, "10.0.0.2");
    expect(paired.status).toBe(303);
    const setCookie = paired.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^chatml_device=dev_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const phone = setCookie.split(";")[0] ?? "";
    const list = (await (await call("/api/devices", phone, "10.0.0.2")).json()) as { devices: { name: string; isCurrent: boolean; lastAddress: string }[] };
    expect(list.devices.find((d) => d.isCurrent)).toMatchObject({ name: "Test phone", lastAddress: "10.0.0.2" });

    const reused = await redeem(code, "10.0.0.3");
    expect(reused.status).toBe(401);
    expect(await reused.text()).toContain("already used");
    expect((await fetch(`${server.url}/pair?code=${code}`, { headers: from("10.0.0.3") })).status).toBe(401);
  });

  it("sends the phone that paired back to the app when it reopens the spent link or posts it twice; others still hear why", async () => {
    const desktop = await signIn("10.0.9.1");
    const { code } = await pairingCode(desktop, "10.0.9.1");
    const phone = ((await redeem(code, "10.0.9.2")).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const reopened = await fetch(`${server.url}/pair?code=${code}`, { redirect: "manual", headers: from("10.0.9.2", { cookie: phone }) });
    expect([reopened.status, reopened.headers.get("location")]).toEqual([303, "/"]);
    const postedAgain = await fetch(`${server.url}/pair`, { method: "POST", redirect: "manual", body: new URLSearchParams({ code }), headers: from("10.0.9.2", { cookie: phone, origin: server.url }) });
    expect([postedAgain.status, postedAgain.headers.get("location")]).toEqual([303, "/"]);
    const stranger = await fetch(`${server.url}/pair?code=${code}`, { redirect: "manual", headers: from("10.0.9.3") });
    expect(stranger.status).toBe(401);
    expect(await stranger.text()).toContain("already used");
  });

  it("tells a phone whose pairing link failed to ask the device that showed it for a new one, not to open a terminal's link", async () => {
    const desktop = await signIn("10.0.9.11");
    const { code } = await pairingCode(desktop, "10.0.9.11");
    await redeem(code, "10.0.9.12");
    const page = await (await fetch(`${server.url}/pair?code=${code}`, { headers: from("10.0.9.13") })).text();
    expect(page).toContain("already used");
    expect(page).toContain("on the device that showed the QR code, open <strong>Devices → Pair a device</strong>");
    expect(page).not.toContain("printed in the terminal");
  });

  it("refuses a forged code and a cross-site form post, which changes nothing", async () => {
    const forged = await redeem("A".repeat(43), "10.0.1.1");
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain("not valid");
    const desktop = await signIn("10.0.1.2");
    const { code } = await pairingCode(desktop, "10.0.1.2");
    const crossSite = await redeem(code, "10.0.1.3", "https://evil.example");
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie")).toBeNull();
    expect((await redeem(code, "10.0.1.3")).status).toBe(303);
  });

  it("shows a browser tricked into a cross-site pairing post a page, refused as strictly as the script that gets JSON", async () => {
    const desktop = await signIn("10.0.1.4");
    const { code } = await pairingCode(desktop, "10.0.1.4");
    const body = new URLSearchParams({ code, name: "Tricked" });
    // What a browser sends when another site's form posts here: a navigation that accepts HTML first.
    const navigation = { origin: "https://evil.example", accept: "text/html,application/xhtml+xml,*/*;q=0.8", "sec-fetch-mode": "navigate" };
    const tricked = await fetch(`${server.url}/pair`, { method: "POST", redirect: "manual", body, headers: from("10.0.1.5", navigation) });
    expect(tricked.status).toBe(403);
    expect(tricked.headers.get("content-type")).toContain("text/html");
    expect(tricked.headers.get("set-cookie")).toBeNull();
    const page = await tricked.text();
    expect(page).toContain("<h1>Pairing refused</h1>");
    expect(page).not.toContain('"error"');
    const script = await fetch(`${server.url}/pair`, { method: "POST", redirect: "manual", body, headers: from("10.0.1.5", { origin: "https://evil.example", accept: "application/json" }) });
    expect(script.status).toBe(403);
    expect((await script.json()).error.code).toBe("forbidden");
    // Neither post used the code: it still signs the device in from ChatML's own page.
    expect((await redeem(code, "10.0.1.5")).status).toBe(303);
  });
});

describe("revoking", () => {
  it("closes the device's live socket at once and its cookie stops working", async () => {
    const desktop = await signIn("10.0.2.1");
    const phone = await signIn("10.0.2.2");
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: from("10.0.2.2", { cookie: phone, origin: server.url }) } as unknown as string[]);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const closed = new Promise<number>((resolve) => (socket.onclose = (event) => resolve(event.code)));
    const phoneId = decodeURIComponent(phone.split("=")[1] ?? "").split(".")[0] ?? "";
    expect((await call(`/api/devices/${phoneId}`, desktop, "10.0.2.1", { method: "DELETE" })).status).toBe(200);
    expect(await closed).toBe(4401);
    const refused = await call("/api/devices", phone, "10.0.2.2");
    expect(refused.status).toBe(401);
    // The signed-out device is told what happened and how to get back in, not a generic "not signed in".
    const reason = ((await refused.json()) as { error: { message: string } }).error.message;
    expect(reason).toMatch(/^This device \(.+\) was signed out at \d{4}-\d\d-\d\d \d\d:\d\d UTC.*Pair a device/);
    // It cannot know which device did it: a device that signed itself out was told another device had.
    expect(reason).toContain("this device's own Sign out, or Revoke on another device");
    const app = await fetch(`${server.url}/`, { headers: from("10.0.2.2", { cookie: phone }) });
    expect(app.status).toBe(401);
    expect(await app.clone().text()).toContain("was signed out at");
    expect(app.headers.get("set-cookie")).toMatch(/^chatml_device=;/);
  });

  it("tells a device that signed itself out, live, without blaming another device", async () => {
    const phone = await signIn("10.0.8.2");
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: from("10.0.8.2", { cookie: phone, origin: server.url }) } as unknown as string[]);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => (socket.onclose = (event) => resolve({ code: event.code, reason: event.reason })));
    const phoneId = decodeURIComponent(phone.split("=")[1] ?? "").split(".")[0] ?? "";
    expect((await call(`/api/devices/${phoneId}`, phone, "10.0.8.2", { method: "DELETE" })).status).toBe(200);
    const { code, reason } = await closed;
    expect(code).toBe(4401);
    expect(reason).toBe("This device was signed out on a Devices screen (its own Sign out, or Revoke on another device).");
  });

  it("tells a revoked device's page why on every retry of its socket, without spending its address's sign-in budget", async () => {
    const desktop = await signIn("10.0.7.1");
    const phone = await signIn("10.0.7.2");
    const phoneId = decodeURIComponent(phone.split("=")[1] ?? "").split(".")[0] ?? "";
    expect((await call(`/api/devices/${phoneId}`, desktop, "10.0.7.1", { method: "DELETE" })).status).toBe(200);
    for (let i = 0; i < 15; i++) {
      const retry = await fetch(`${server.url}/ws`, { headers: from("10.0.7.2", { cookie: phone, origin: server.url }) });
      expect(retry.status).toBe(401);
      expect((await retry.json()).error.message).toMatch(/^This device \(.+\) was signed out at/);
    }
    const guess = await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.7.2", { authorization: "Bearer wrong-token" }) });
    expect(guess.status).toBe(401);
  });
});

describe("links made by a device that is signed out", () => {
  it("no longer sign anyone in once that device is revoked (saying so); another device's links still do", async () => {
    const desktop = await signIn("10.0.6.1");
    const laptop = await signIn("10.0.6.2");
    const made = await pairingCode(laptop, "10.0.6.2");
    const kept = await pairingCode(desktop, "10.0.6.1");
    const laptopId = decodeURIComponent(laptop.split("=")[1] ?? "").split(".")[0] ?? "";
    expect((await call(`/api/devices/${laptopId}`, desktop, "10.0.6.1", { method: "DELETE" })).status).toBe(200);

    const refused = await redeem(made.code, "10.0.6.3");
    expect(refused.status).toBe(401);
    expect(await refused.text()).toMatch(/This link no longer works: the device that made it \(.+\) was signed out\./);
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect((await redeem(kept.code, "10.0.6.4")).status).toBe(303);
  });
});

describe("rate limiting", () => {
  it("answers an address's wrong guesses with 429 after 10, while its right token and cookie keep working", async () => {
    const cookie = await signIn("10.0.3.1");
    const wrong = { authorization: "Bearer wrong-token" };
    for (let i = 0; i < 9; i++) {
      expect((await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.3.1", wrong) })).status).toBe(401);
    }
    const limited = await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.3.1", wrong) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
    expect((await fetch(`${server.url}/pair?code=x`, { headers: from("10.0.3.1") })).status).toBe(429);
    expect((await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.3.1", { authorization: `Bearer ${server.token}` }) })).status).toBe(200);
    expect((await call("/api/workspaces", cookie, "10.0.3.1")).status).toBe(200);
    const fresh = await fetch(server.signInUrl, { redirect: "manual", headers: from("10.0.3.1") });
    expect(fresh.status).toBe(303);
  });

  it("does not count requests that present no credential at all", async () => {
    for (let i = 0; i < 15; i++) {
      expect((await fetch(`${server.url}/pair`, { headers: from("10.0.3.5") })).status).toBe(400);
      expect((await fetch(`${server.url}/sign-in`, { headers: from("10.0.3.5") })).status).toBe(401);
      expect((await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.3.5") })).status).toBe(401);
    }
    const wrong = await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.3.5", { authorization: "Bearer wrong-token" }) });
    expect(wrong.status).toBe(401);
  });
});

describe("hosts behind a public URL", () => {
  it("allows the public URL's Host and Origin, and refuses other Hosts", async () => {
    const cookie = await signIn("10.0.4.1");
    const ok = await fetch(`${server.url}/api/devices`, { headers: from("10.0.4.1", { cookie, host: "box.tailnet.ts.net" }) });
    expect(ok.status).toBe(200);
    const post = await fetch(`${server.url}/api/pairing`, { method: "POST", headers: from("10.0.4.1", { cookie, host: "box.tailnet.ts.net", origin: PUBLIC_URL }) });
    expect(post.status).toBe(200);
    for (const host of ["box.tailnet.ts.net:8443", "evil.example", `evil.example:${server.port}`, "127.0.0.1.evil.example"]) {
      expect((await fetch(`${server.url}/api/devices`, { headers: from("10.0.4.1", { cookie, host }) })).status).toBe(403);
    }
  });
});

describe("rotating the start token", () => {
  it("signs everyone out and ends every unused link; only the new token (in the data dir) works", async () => {
    const cookie = await signIn("10.0.5.1");
    const { code } = await pairingCode(cookie, "10.0.5.1");
    const ownLinkUrl = server.signInUrl;
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: from("10.0.5.1", { cookie, origin: server.url }) } as unknown as string[]);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => (socket.onclose = (event) => resolve({ code: event.code, reason: event.reason })));
    expect((await call("/api/auth/rotate-token", cookie, "10.0.5.1", { method: "POST" })).status).toBe(200);
    // An open page is told what signed it out: a rotation, not a Sign out or a Revoke on some Devices screen.
    expect(await closed).toEqual({ code: 4401, reason: "This device was signed out: the sign-in token was rotated (Devices → Rotate token), which signs every device out." });
    expect((await redeem(code, "10.0.5.4")).status).toBe(401);
    const ownLink = await fetch(ownLinkUrl, { redirect: "manual", headers: from("10.0.5.5") });
    expect(ownLink.status).toBe(401);
    expect(await ownLink.text()).toContain("the sign-in token was rotated");
    expect((await call("/api/devices", cookie, "10.0.5.1")).status).toBe(401);
    expect((await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.5.2", { authorization: `Bearer ${server.token}` }) })).status).toBe(401);
    const next = readFileSync(join(server.dataDir, "token"), "utf8").trim();
    expect(next).not.toBe(server.token);
    expect((await fetch(`${server.url}/api/workspaces`, { headers: from("10.0.5.3", { authorization: `Bearer ${next}` }) })).status).toBe(200);
  });
});
