import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReplayCliBin } from "../claude/fixtures/replay-cli/replay-cli-bin.ts";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl for this test only. */
function selfSignedCert(): { certPath: string; keyPath: string } {
  const dir = mkdtempSync(join(tmpdir(), "chatml-tls-"));
  const certPath = join(dir, "cert.pem");
  const keyPath = join(dir, "key.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", keyPath, "-out", certPath,
  ], { stdio: "ignore" });
  return { certPath, keyPath };
}

const insecure = { tls: { rejectUnauthorized: false } } as RequestInit;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude", config: { tls: selfSignedCert(), host: "0.0.0.0" } });
});
afterAll(() => server.cleanup());

describe("HTTPS with --tls-cert/--tls-key (and a wildcard bind)", () => {
  it("serves https, prints https URLs, and sets a Secure device cookie", async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.lanUrls.every((url) => url.startsWith("https://"))).toBe(true);
    const response = await fetch(server.signInUrl, { ...insecure, redirect: "manual" });
    expect(response.status).toBe(303);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^chatml_device=.*; HttpOnly; Secure; SameSite=Strict/);
    const api = await fetch(`${server.url}/api/devices`, { ...insecure, headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(api.status).toBe(200);
  });

  it("refuses plain http on the TLS port", async () => {
    const plain = await fetch(server.url.replace("https:", "http:") + "/api/info").then(
      (response) => response.status,
      () => "refused",
    );
    expect(plain).not.toBe(200);
  });

  it("refuses a DNS-rebinding Host even though we listen on every interface", async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    const rebinding = await fetch(`${server.url}/api/workspaces`, { ...insecure, headers: { ...auth, host: `attacker.example:${server.port}` } });
    expect(rebinding.status).toBe(403);
    expect((await rebinding.json()).error.code).toBe("forbidden");
    const lan = server.lanUrls[0];
    if (lan) expect((await fetch(`${lan}/api/workspaces`, { ...insecure, headers: auth })).status).toBe(200);
  });

  it("accepts a wss socket from our Origin", async () => {
    const socket = new WebSocket(`${server.url.replace("https", "wss")}/ws`, {
      headers: { authorization: `Bearer ${server.token}`, origin: server.url },
      tls: { rejectUnauthorized: false },
    } as unknown as string[]);
    const outcome = await new Promise<string>((resolve) => {
      socket.onopen = () => resolve("open");
      socket.onerror = () => resolve("error");
    });
    socket.close();
    expect(outcome).toBe("open");
  });
});

describe("the CLI transport behind HTTPS", () => {
  it("keeps --sdk-url for an old CLI and answers a turn: it dials a plain loopback listener, no certificate to trust", async () => {
    const tlsServer = await startTestServer({ claudeBin: await writeReplayCliBin(), env: { REPLAY_CLI_VERSION: "2.1.119" }, config: { tls: selfSignedCert() } });
    const call = async <T>(path: string, body?: unknown): Promise<T> => {
      const init = { ...insecure, method: body ? "POST" : "GET", headers: { authorization: `Bearer ${tlsServer.token}`, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined };
      return (await (await fetch(`${tlsServer.url}${path}`, init)).json()) as T;
    };
    try {
      expect((await call<{ cli: { transport: string; version: string } }>("/api/info")).cli).toMatchObject({ version: "2.1.119", transport: "sdk-url" });
      const { conversation } = await call<{ conversation: { id: string } }>("/api/start", { path: mkdtempSync(join(tmpdir(), "chatml-tls-")) });
      expect(await call(`/api/conversations/${conversation.id}/messages`, { commandId: "cmd-tls-0001", text: "hello over tls" })).toHaveProperty("messageId");
      const roles = async () => (await call<{ messages: { role: string }[] }>(`/api/conversations/${conversation.id}/messages`)).messages.map((m) => m.role);
      await expect.poll(roles, { timeout: 20_000 }).toContain("assistant");
    } finally {
      await tlsServer.cleanup();
    }
  }, 30_000);
});
