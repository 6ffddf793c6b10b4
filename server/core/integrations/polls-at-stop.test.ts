import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectedIntegrationKit, sessionWithCommit, type IntegrationKit } from "./integration-test-kit.ts";
import { until } from "../../test-support/until.ts";

let k: IntegrationKit;
beforeEach(async () => {
  k = await connectedIntegrationKit();
});
afterEach(async () => {
  vi.restoreAllMocks();
  k.fake.held = null;
  await k.cleanup();
});

/** What the server does right after stopping its rooms: the database answers nothing from here on (until the test ends). */
function closeDatabase(): void {
  const db = k.kit.t.db;
  for (const method of ["get", "all", "run", "exec", "transaction", "statement"] as const) {
    vi.spyOn(db, method).mockImplementation(() => {
      throw new RangeError("Cannot use a closed database");
    });
  }
}

/* The server stops its rooms, then closes the database (ADR 0063): a background poll must not write after that. */
describe("a pull request poll in flight when ChatML stops", () => {
  it("stores nothing and logs nothing once the database is closed, and checks no further session", async () => {
    const first = await sessionWithCommit(k, { push: true, name: "first" });
    await k.integrations.pullRequests.create(first.id, { title: "Widget", body: "" });
    await sessionWithCommit(k, { push: true, name: "second" });
    const logged: string[] = [];
    for (const level of ["warn", "error"] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    let answer = () => {};
    k.fake.held = new Promise<void>((resolve) => (answer = resolve));
    const ticking = k.integrations.poller.tick();
    await until(() => k.fake.waiting > 0, "the poll waiting on GitHub");

    // As the server stops: its rooms (the sessions' git watchers too), then the database.
    k.integrations.stop();
    k.kit.stop();
    closeDatabase();
    const [answeredAtStop, heldAtStop] = [k.fake.requests.length, k.fake.waiting];
    answer();
    await ticking;

    expect(logged).toEqual([]);
    // GitHub was asked nothing more than what was waiting at the stop: no further session was polled.
    expect(k.fake.requests.length - answeredAtStop).toBe(heldAtStop);
  });
});
