// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "./http.ts";
import { LEGACY_QUEUE_KEY, migrateLegacyQueue } from "./legacy-queue.ts";

/** What an older build's zustand `persist` wrote for its tab queue. */
const stored = (queues: Record<string, { key: string; text: string; images: [] }[]>) => JSON.stringify({ state: { queues }, version: 0 });

beforeEach(() => localStorage.clear());

describe("moving an older build's tab queue to the server", () => {
  it("queues each message once on the server, drops those of a deleted conversation, and forgets the old store", async () => {
    localStorage.setItem(LEGACY_QUEUE_KEY, stored({ cnv_a: [{ key: "k1", text: "first", images: [] }, { key: "k 2", text: "second", images: [] }], cnv_gone: [{ key: "k3", text: "lost cause", images: [] }], cnv_b: [] }));
    const sent: [string, string, string][] = [];
    const moved = await migrateLegacyQueue(localStorage, async (id, commandId, text) => {
      if (id === "cnv_gone") throw new ApiError("not_found", "gone", 404);
      sent.push([id, commandId, text]);
    });
    expect(moved).toBe(2);
    expect(sent).toEqual([
      ["cnv_a", "legacy-queue-k1", "first"],
      ["cnv_a", "legacy-queue-k-2", "second"],
    ]);
    expect(localStorage.getItem(LEGACY_QUEUE_KEY)).toBeNull();
    expect(await migrateLegacyQueue(localStorage, async () => undefined)).toBe(0);
  });

  it("keeps what the server could not take for the next start, losing nothing", async () => {
    localStorage.setItem(LEGACY_QUEUE_KEY, stored({ cnv_a: [{ key: "k1", text: "first", images: [] }, { key: "k2", text: "second", images: [] }] }));
    await migrateLegacyQueue(localStorage, async (_id, commandId) => {
      if (commandId.endsWith("k2")) throw new ApiError("network", "offline", 0);
    });
    expect(JSON.parse(localStorage.getItem(LEGACY_QUEUE_KEY) ?? "{}")).toEqual({ state: { queues: { cnv_a: [{ key: "k2", text: "second", images: [] }] } }, version: 0 });
  });

  it("leaves a store it cannot read as it was", async () => {
    localStorage.setItem(LEGACY_QUEUE_KEY, "{not json");
    await expect(migrateLegacyQueue(localStorage, async () => undefined)).rejects.toThrow();
    expect(localStorage.getItem(LEGACY_QUEUE_KEY)).toBe("{not json");
  });
});
