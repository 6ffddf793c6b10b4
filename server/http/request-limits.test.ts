import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CLIENT_FRAME_BYTES } from "../../shared/protocol/frames.ts";
import { startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude" });
});
afterAll(() => server.cleanup());

/** A raw HTTP/1.1 connection: what a browser or fetch would never send. */
function rawConnection(to: TestServer = server): { socket: Socket; received: () => string; closed: Promise<void> } {
  const socket = connect(to.port, "127.0.0.1");
  let text = "";
  socket.on("data", (chunk) => (text += chunk.toString("latin1")));
  socket.on("error", () => undefined);
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return { socket, received: () => text, closed };
}

const HUNDRED_MB = 100 * 1024 * 1024;

describe("body limits (hole 3)", () => {
  it("answers a 100 MB unauthenticated POST /pair before its body is sent, and drops the connection", async () => {
    const { socket, received, closed } = rawConnection();
    socket.write(`POST /pair HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${HUNDRED_MB}\r\n\r\n`);
    await expect.poll(() => received(), { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 413 /);
    await closed;
  });

  it("serves no permission hook on the app's port (a LAN or a tunnel reaches that port; the hook is on loopback)", async () => {
    const response = await fetch(`${server.url}/hooks/permission-request`, { method: "POST", headers: { authorization: "Bearer wrong", "content-type": "application/json" }, body: "{}" });
    expect(response.status).toBe(404);
  });

  it("keeps the server's memory flat while 100 MB are pushed at the pairing form", async () => {
    const before = process.memoryUsage().rss;
    const { socket, received, closed } = rawConnection();
    socket.write(`POST /pair HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${HUNDRED_MB}\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    socket.on("close", () => (sent = HUNDRED_MB));
    while (sent < HUNDRED_MB && !socket.destroyed) {
      sent += chunk.length;
      if (!socket.write(chunk)) await new Promise((resolve) => socket.once("drain", resolve).once("close", resolve));
    }
    await closed;
    expect(received()).toMatch(/^HTTP\/1\.1 413 /);
    // The server runs in this process: had it buffered the body, this process would have grown by about 100 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it("refuses a signed-in request over its route's limit by its declared length, unread", async () => {
    const response = await fetch(`${server.url}/api/workspaces`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: JSON.stringify({ path: "/tmp", name: "x".repeat(5 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
  });

  it("refuses a chunked body (no declared length) once it passes the limit", async () => {
    const { socket, received, closed } = rawConnection();
    socket.write(`POST /pair HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const piece = "a".repeat(4096);
    for (let i = 0; i < 8 && !socket.destroyed; i++) socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
    await expect.poll(() => received(), { timeout: 10_000 }).toMatch(/^HTTP\/1\.1 413 /);
    socket.destroy();
    await closed;
  });

  it("gives up on a body that arrives too slowly (408) instead of holding the request open", async () => {
    // The product's 10 s, shortened: what is tested is that the deadline ends the request, not how long it is.
    const patient = await startTestServer({ claudeBin: "/nonexistent/claude", config: { bodyDeadlineBaseMs: 300 } });
    try {
      const { socket, received, closed } = rawConnection(patient);
      socket.write(`POST /pair HTTP/1.1\r\nHost: 127.0.0.1:${patient.port}\r\nOrigin: ${patient.url}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncode=`);
      await expect.poll(() => received()).toMatch(/^HTTP\/1\.1 408 /);
      socket.destroy();
      await closed;
    } finally {
      await patient.cleanup();
    }
  });

  it("closes a browser socket sending a frame over the application's frame limit (1009) before buffering it", async () => {
    const socket = new WebSocket(`${server.url.replace("http", "ws")}/ws`, { headers: { authorization: `Bearer ${server.token}`, origin: server.url } } as unknown as string[]);
    const closed = new Promise<number>((resolve) => (socket.onclose = (event) => resolve(event.code)));
    await new Promise((resolve) => (socket.onopen = resolve));
    socket.send("x".repeat(MAX_CLIENT_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
  });
});

describe("malformed requests (hole 4)", () => {
  it.each([
    ["no Host", "GET /?token=secret-in-target HTTP/1.0\r\n\r\n"],
    ["a malformed Host", "GET /?token=secret-in-target HTTP/1.1\r\nHost: [bad\r\nConnection: close\r\n\r\n"],
    ["a Host with a space", "GET /?token=secret-in-target HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"],
    ["a Host with a bad port", "GET /?token=secret-in-target HTTP/1.1\r\nHost: 127.0.0.1:99999\r\nConnection: close\r\n\r\n"],
  ])("answers %s with a plain 400, never the development error page", async (_, request) => {
    const { socket, received, closed } = rawConnection();
    socket.write(request);
    await closed;
    const text = received();
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).not.toContain("secret-in-target");
    expect(text).not.toContain(process.cwd());
    expect(text).not.toMatch(/<script|__bunfallback|\.ts:\d+/);
  });
});
