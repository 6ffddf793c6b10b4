import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isTrustedProxy, requestOrigin } from "../lib/request-auth.ts";
import { startTestServer } from "../test-support/test-server.ts";

const mode = (path: string) => statSync(path).mode & 0o777;

describe("anti-framing and other response headers (hole 7)", () => {
  it("every page, API answer and refusal carries CSP frame-ancestors 'none', X-Frame-Options DENY, nosniff, no-referrer", async () => {
    const server = await startTestServer({ claudeBin: "/nonexistent/claude" });
    try {
      const responses = [
        await fetch(`${server.url}/`),
        await fetch(server.signInUrl, { redirect: "manual" }),
        await fetch(`${server.url}/api/info`, { headers: { authorization: `Bearer ${server.token}` } }),
        await fetch(`${server.url}/pair?code=nope`),
      ];
      for (const response of responses) {
        const csp = response.headers.get("content-security-policy") ?? "";
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe/);
        expect(response.headers.get("x-frame-options")).toBe("DENY");
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      }
    } finally {
      await server.cleanup();
    }
  });
});

describe("data dir permissions (hole 8)", () => {
  it("tightens an existing world-readable data dir and its files on start: dir and folders 0700, files 0600", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "chatml-perm-")), "data");
    mkdirSync(join(dataDir, "workspaces"), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, "workspaces"), 0o755);
    // An empty file is a valid new SQLite database; the token file holds no token yet (a new one is written); the
    // VAPID keys are read only when push first needs them, but an old world-readable copy is tightened at start too.
    for (const name of ["chatml.db", "token", "vapid.json", "notes.txt"]) writeFileSync(join(dataDir, name), "", { mode: 0o644 });
    for (const name of ["chatml.db", "token", "vapid.json", "notes.txt"]) chmodSync(join(dataDir, name), 0o644);
    const server = await startTestServer({ claudeBin: "/nonexistent/claude", dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(dataDir, "workspaces"))).toBe(0o700);
      for (const name of ["chatml.db", "chatml.db-wal", "chatml.db-shm", "token", "vapid.json", "server.json", "notes.txt"]) {
        expect(mode(join(dataDir, name)), name).toBe(0o600);
      }
    } finally {
      await server.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("trusted proxies only (hole 6)", () => {
  const trust = { isEnabled: true, addresses: ["10.0.0.2"] };
  const request = (xff: string) => new Request("http://127.0.0.1:3456/", { headers: { "x-forwarded-for": xff, "x-forwarded-proto": "https" } });

  it("believes X-Forwarded-* only from loopback or a configured proxy address", () => {
    expect(requestOrigin(request("203.0.113.7"), "127.0.0.1", trust)).toEqual({ address: "203.0.113.7", isSecure: true });
    expect(requestOrigin(request("203.0.113.7"), "::ffff:10.0.0.2", trust)).toEqual({ address: "203.0.113.7", isSecure: true });
    expect(requestOrigin(request("127.0.0.1"), "192.168.1.50", trust)).toEqual({ address: "192.168.1.50", isSecure: false });
    expect(requestOrigin(request("203.0.113.7"), "127.0.0.1", { isEnabled: false, addresses: [] })).toEqual({ address: "127.0.0.1", isSecure: false });
  });

  it("takes the nearest hop that is not itself a trusted proxy, so a client cannot pose as loopback", () => {
    expect(requestOrigin(request("127.0.0.1, 198.51.100.4"), "127.0.0.1", trust).address).toBe("198.51.100.4");
    expect(requestOrigin(request("198.51.100.4, 10.0.0.2"), "127.0.0.1", trust).address).toBe("198.51.100.4");
    expect(isTrustedProxy("127.8.9.10", trust)).toBe(true);
    expect(isTrustedProxy("10.0.0.3", trust)).toBe(false);
  });
});
