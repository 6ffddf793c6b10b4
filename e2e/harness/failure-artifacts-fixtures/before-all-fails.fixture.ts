import { beforeAll, describe, expect, it } from "vitest";

describe("a describe whose set-up fails", () => {
  beforeAll(() => {
    throw new Error("the describe's beforeAll broke");
  });
  it("is skipped", () => expect(true).toBe(true));
});

it("runs outside it", () => expect(true).toBe(true));
