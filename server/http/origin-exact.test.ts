import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION } from "../../shared/protocol/version.ts";
import { AccessPolicy } from "../lib/access-policy.ts";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
let cookie: string;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude" });
  const signIn = await fetch(server.signInUrl, { redirect: "manual" });
  cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});
afterAll(() => server.cleanup());

/** Pages on loopback port 80 / 443 send these; SameSite cookies ignore ports, so the browser attaches ours. */
const PORTLESS_ORIGINS = ["http://localhost", "http://127.0.0.1", "https://localhost", "https://127.0.0.1", "http://[::1]"];

describe("exact Origin match (hole 2)", () => {
  it("refuses a body-less state-changing POST (token rotation) from an Origin without our port, even with the cookie", async () => {
    for (const origin of [...PORTLESS_ORIGINS, `https://127.0.0.1:${server.port}`, `http://127.0.0.1:${server.port + 1}`]) {
      const response = await fetch(`${server.url}/api/auth/rotate-token`, { method: "POST", headers: { cookie, origin } });
      expect(response.status, origin).toBe(403);
    }
    const stillSignedIn = await fetch(`${server.url}/api/devices`, { headers: { cookie } });
    expect(stillSignedIn.status).toBe(200);
  });

  it("refuses a WebSocket from those Origins with the cookie, and accepts our exact Origin", async () => {
    for (const origin of PORTLESS_ORIGINS) expect(await wsOutcome({ cookie, origin }), origin).toBe("refused");
    expect(await wsOutcome({ cookie, origin: server.url })).toBe("open");
    expect(await wsOutcome({ cookie, origin: `http://localhost:${server.port}` })).toBe("open");
  });

  it("a socket that has not said hello receives no entity or broadcast frames", async () => {
    const quiet = await openSocket();
    const greeted = await openSocket();
    greeted.socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL_VERSION, subscriptions: [] }));
    await expect.poll(() => greeted.frames.some((f) => f.type === "welcome")).toBe(true);
    const created = await fetch(`${server.url}/api/start`, {
      method: "POST",
      headers: { cookie, origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ path: server.dataDir }),
    });
    expect(created.status).toBeLessThan(500);
    await expect.poll(() => greeted.frames.some((f) => f.type === "entity")).toBe(true);
    expect(quiet.frames).toEqual([]);
    quiet.socket.close();
    greeted.socket.close();
  });
});

describe("AccessPolicy", () => {
  const policy = new AccessPolicy({ port: 3456, bindHost: "127.0.0.1", publicUrl: "https://box.ts.net" });
  it("matches scheme, host and port exactly; no port means the scheme's default port only", () => {
    expect(policy.isAllowedOrigin("http://127.0.0.1:3456")).toBe(true);
    expect(policy.isAllowedOrigin("http://localhost:3456")).toBe(true);
    expect(policy.isAllowedOrigin("https://box.ts.net")).toBe(true);
    for (const origin of ["http://127.0.0.1", "https://127.0.0.1:3456", "http://box.ts.net", "https://box.ts.net:8443", "null", "http://localhost:80"]) {
      expect(policy.isAllowedOrigin(origin), origin).toBe(false);
    }
    expect(policy.isAllowedHost("box.ts.net")).toBe(true);
    expect(policy.isAllowedHost("localhost")).toBe(false);
    expect(policy.isAllowedHost("localhost:3456")).toBe(true);
    expect(policy.isAllowedHost("[bad")).toBe(false);
  });
});

type Frame = { type: string };

async function openSocket(): Promise<{ socket: WebSocket; frames: Frame[] }> {
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: { cookie, origin: server.url } } as unknown as string[]);
  const frames: Frame[] = [];
  socket.onmessage = (message) => frames.push(JSON.parse(String(message.data)) as Frame);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  return { socket, frames };
}

function wsOutcome(headers: Record<string, string>): Promise<"open" | "refused"> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers } as unknown as string[]);
    socket.onopen = () => {
      socket.close();
      resolve("open");
    };
    socket.onerror = () => resolve("refused");
  });
}
