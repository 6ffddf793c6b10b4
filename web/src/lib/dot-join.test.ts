import { describe, expect, it } from "vitest";
import { DOT, dotJoin, hasBreakBeforeDot } from "./dot-join.ts";

describe("dotJoin", () => {
  it("joins the parts that are there, each '·' tied to the part before it", () => {
    expect(dotJoin(["manual", null, "", false, undefined, "12s"])).toBe(`manual${DOT}12s`);
    expect(hasBreakBeforeDot(dotJoin(["a", "b", "c"]))).toBe(false);
    expect(hasBreakBeforeDot("a · b")).toBe(true);
  });
});
