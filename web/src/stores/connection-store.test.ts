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
});
