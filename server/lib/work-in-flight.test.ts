import { describe, expect, it } from "vitest";
import { WorkInFlight } from "./work-in-flight.ts";

describe("work in flight", () => {
  it("runs work while open, refuses new work once closed with a 503 that says why, and waits for the work taken", async () => {
    const work = new WorkInFlight();
    const taken = Promise.withResolvers<string>();
    const running = work.run("POST /api/x", () => taken.promise);
    expect(work.running).toEqual(["POST /api/x"]);
    work.close();
    await expect(work.run("POST /api/y", async () => "never")).rejects.toMatchObject({ code: "server_stopping", status: 503, message: expect.stringMatching(/^ChatML is stopping/) });
    const settled = work.settle();
    taken.resolve("done");
    expect(await running).toBe("done");
    expect(await settled).toEqual([]);
    expect(work.running).toEqual([]);
  });

  it("stops waiting at the cap and names what still runs; a failure counts as finished", async () => {
    const work = new WorkInFlight();
    void work.run("POST /api/fails", () => Promise.reject(new Error("no"))).catch(() => undefined);
    void work.run("POST /api/hangs", () => new Promise<never>(() => undefined));
    work.close();
    expect(await work.settle(50)).toEqual(["POST /api/hangs"]);
  });
});
