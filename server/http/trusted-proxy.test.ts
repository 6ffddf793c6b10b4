import { describe, expect, it } from "vitest";
import { lanAddresses } from "../lib/access-policy.ts";
import { startTestServer } from "../test-support/test-server.ts";

/** This machine's own non-loopback address: a request to it comes from a peer that is not loopback. */
function lanAddress(): string {
  const address = lanAddresses()[0];
  if (!address) throw new Error("This test needs a non-loopback IPv4 address on this machine.");
  return address;
}

async function wrongGuesses(base: string, forwardedFor: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const response = await fetch(`${base}/api/workspaces`, { headers: { authorization: "Bearer wrong", "x-forwarded-for": forwardedFor(i) } });
    statuses.push(response.status);
  }
  return statuses;
}

describe("--trust-proxy believes forwarded headers only from the proxy's own address (hole 6)", () => {
  it("a client that is not a trusted proxy cannot rotate or spoof X-Forwarded-For for more guesses", async () => {
    const peer = lanAddress();
    const server = await startTestServer({ claudeBin: "/nonexistent/claude", config: { host: "0.0.0.0", trustProxy: true } });
    try {
      const base = `http://${peer}:${server.port}`;
      const rotating = await wrongGuesses(base, (i) => `203.0.113.${i + 1}`);
      expect(rotating.slice(0, 9).every((status) => status === 401)).toBe(true);
      expect(rotating.slice(9).every((status) => status === 429)).toBe(true);
      expect((await wrongGuesses(base, () => "127.0.0.1")).every((status) => status === 429)).toBe(true);
      const owner = await fetch(`${base}/api/workspaces`, { headers: { authorization: `Bearer ${server.token}`, "x-forwarded-for": "127.0.0.1" } });
      expect(owner.status).toBe(200);
    } finally {
      await server.cleanup();
    }
  });

  it("believes them from an address named with --trusted-proxy", async () => {
    const peer = lanAddress();
    const server = await startTestServer({ claudeBin: "/nonexistent/claude", config: { host: "0.0.0.0", trustProxy: true, trustedProxies: [peer] } });
    try {
      const statuses = await wrongGuesses(`http://${peer}:${server.port}`, (i) => `203.0.113.${i + 1}`);
      expect(statuses.every((status) => status === 401)).toBe(true);
    } finally {
      await server.cleanup();
    }
  });
});
