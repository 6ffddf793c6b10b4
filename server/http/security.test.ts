import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude" });
});
afterAll(() => server.cleanup());

const host = () => new URL(server.url).host;

describe("authentication", () => {
  it("refuses API requests without the token, with the one error shape", async () => {
    const response = await fetch(`${server.url}/api/workspaces`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: expect.stringContaining("Sign in") } });
  });

  it("refuses a wrong token", async () => {
    const response = await fetch(`${server.url}/api/workspaces`, { headers: { authorization: "Bearer nope" } });
    expect(response.status).toBe(401);
  });

  it("accepts the Bearer token", async () => {
    const response = await api(server, "/api/workspaces");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ workspaces: [] });
  });

  it("exchanges a one-time sign-in code for a per-device HttpOnly cookie and leaves the address", async () => {
    const link = server.signInUrl;
    expect(link).toMatch(/\/sign-in\?code=[\w-]{43}$/);
    expect(link).not.toContain(server.token);
    const response = await fetch(link, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^chatml_device=dev_[\w-]+\.[\w-]{43};/);
    expect(cookie).not.toContain(server.token);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http on loopback; HTTPS sets Secure (https.test.ts)
    const withCookie = await fetch(`${server.url}/api/workspaces`, { headers: { cookie: cookie.split(";")[0] ?? "" } });
    expect(withCookie.status).toBe(200);
  });

  it("shows a sign-in page, not the app, without the cookie; its one script (same origin) keeps the screen asked for (ADR 0251)", async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain("Sign in to ChatML");
    expect([...html.matchAll(/<script[^>]*>/g)].map((match) => match[0])).toEqual(['<script src="/keep-route.js">']);
  });
});

describe("host and origin checks", () => {
  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const response = await api(server, "/api/workspaces", { headers: { host: "evil.example:80" } });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  });

  it("refuses a Host that names us on another port", async () => {
    const response = await api(server, "/api/workspaces", { headers: { host: "127.0.0.1:1" } });
    expect(response.status).toBe(403);
  });

  it("refuses a cross-site state-changing request even with the cookie", async () => {
    const signIn = await fetch(server.signInUrl, { redirect: "manual" });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const response = await fetch(`${server.url}/api/workspaces`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ path: "/tmp" }),
    });
    expect(response.status).toBe(403);
    const sameOrigin = await fetch(`${server.url}/api/workspaces`, {
      method: "POST",
      headers: { cookie, origin: server.url, "content-type": "application/json" },
      body: JSON.stringify({ path: "/nonexistent-folder" }),
    });
    expect(sameOrigin.status).toBe(400);
  });

  it("refuses a WebSocket upgrade from a foreign Origin and accepts our own", async () => {
    const foreign = await wsOutcome(`ws://${host()}/ws`, { authorization: `Bearer ${server.token}`, origin: "https://evil.example" });
    expect(foreign).toBe("error");
    const noToken = await wsOutcome(`ws://${host()}/ws`, { origin: server.url });
    expect(noToken).toBe("error");
    const ours = await wsOutcome(`ws://${host()}/ws`, { authorization: `Bearer ${server.token}`, origin: server.url });
    expect(ours).toBe("open");
  });

  it("has no CLI endpoint on the app's listener (CLIs dial a loopback listener of their own)", async () => {
    expect(await wsOutcome(`ws://${host()}/ws/cli/unknown`, { authorization: "Bearer x" })).toBe("error");
  });

});

describe("bad input", () => {
  it("answers malformed JSON and invalid input with a clear 400", async () => {
    const malformed = await api(server, "/api/workspaces", { method: "POST", body: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("bad_request");
    const relative = await api(server, "/api/workspaces", { method: "POST", body: JSON.stringify({ path: "relative/path" }) });
    expect(relative.status).toBe(400);
    expect((await relative.json()).error.message).toContain("absolute path");
  });

  it("answers an unknown conversation with 404", async () => {
    const response = await api(server, "/api/conversations/cnv_doesnotexist");
    expect(response.status).toBe(404);
  });

  it("answers an unknown API route with 404 in the error shape", async () => {
    const response = await api(server, "/api/nope");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });
});

function wsOutcome(url: string, headers: Record<string, string>): Promise<"open" | "error"> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers } as unknown as string[]);
    socket.onopen = () => {
      socket.close();
      resolve("open");
    };
    socket.onerror = () => resolve("error");
  });
}
