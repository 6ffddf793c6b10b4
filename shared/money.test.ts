import { describe, expect, it } from "vitest";
import { formatUsd } from "./money.ts";

describe("formatUsd", () => {
  it("reads a budget or a spend of a cent or more in cents", () => {
    expect(formatUsd(0.2)).toBe("$0.20");
    expect(formatUsd(1.5)).toBe("$1.50");
    expect(formatUsd(0.0562)).toBe("$0.06");
    expect(formatUsd(0.01)).toBe("$0.01");
    expect(formatUsd(1204)).toBe("$1,204.00");
  });

  it("keeps four decimals only where cents would hide a real spend", () => {
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(0.00001)).toBe("<$0.0001");
  });

  it("reads nothing spent as $0.00 and keeps a sign", () => {
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(-0.2)).toBe("-$0.20");
  });
});
