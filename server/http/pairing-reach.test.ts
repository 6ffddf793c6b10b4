import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, startTestServer, type TestServer } from "../test-support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ claudeBin: "/nonexistent/claude", config: { startArgs: ["--port", "4567", "--no-open"] } });
});
afterAll(() => server.cleanup());

describe("pairing on a server started from a checkout", () => {
  it("suggests restarting it with the checkout's own bin", async () => {
    const fromClone = await startTestServer({ claudeBin: "/nonexistent/claude", config: { startArgs: ["--port", "3700"], launchCommand: "bun bin/chatml.ts" } });
    try {
      const answer = (await (await api(fromClone, "/api/pairing")).json()) as { howToReach: { lan: string } };
      expect(answer.howToReach.lan).toBe("bun bin/chatml.ts --port 3700 --lan");
    } finally {
      await fromClone.cleanup();
    }
  });
});

describe("pairing on a server only this computer can reach", () => {
  it("offers no address and says which command makes the server reachable", async () => {
    const answer = (await (await api(server, "/api/pairing")).json()) as { address: string | null; howToReach: { lan: string; tunnel: string } };
    expect(answer).toEqual({
      address: null,
      howToReach: { lan: "bunx chatml --port 4567 --no-open --lan", tunnel: "bunx chatml --port 4567 --no-open --public-url https://<your-tunnel-address>" },
    });
  });

  it("refuses to make a pairing link for 127.0.0.1, with the same guidance", async () => {
    const response = await api(server, "/api/pairing", { method: "POST" });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toContain("A phone cannot reach this server");
    expect(body.error.message).toContain("`bunx chatml --port 4567 --no-open --lan`");
  });
});
