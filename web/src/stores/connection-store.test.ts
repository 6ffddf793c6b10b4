import { describe, expect, it } from "vitest";
import { useConnectionStore } from "./connection-store.ts";

describe("the connection store", () => {
  it("counts the socket's opens: once per connection, whatever the status reports in between", () => {
    const { setSocket } = useConnectionStore.getState();
    const opens = () => useConnectionStore.getState().opens;
    expect(opens()).toBe(0);
    setSocket("connecting", null);
    setSocket("open", null);
    expect(opens()).toBe(1);
    setSocket("open", null);
    expect(opens()).toBe(1);
    setSocket("closed", "gone");
    setSocket("connecting", null);
    expect(opens()).toBe(1);
    setSocket("open", null);
    expect(opens()).toBe(2);
  });

  it("keeps when an open socket was lost, through every retry, until it opens again", () => {
    const { setSocket } = useConnectionStore.getState();
    const lostAt = () => useConnectionStore.getState().lostAt;
    setSocket("open", null);
    expect(lostAt()).toBeNull();
    const before = Date.now();
    setSocket("closed", "gone");
    const lost = lostAt();
    expect(lost).toBeGreaterThanOrEqual(before);
    setSocket("connecting", null);
    setSocket("closed", "gone");
    expect(lostAt()).toBe(lost);
    setSocket("open", null);
    expect(lostAt()).toBeNull();
  });
});
