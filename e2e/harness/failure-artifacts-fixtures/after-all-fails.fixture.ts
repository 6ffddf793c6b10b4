import { afterAll, expect, it } from "vitest";

afterAll(() => {
  throw new Error("the file's afterAll broke");
});

it("fails on its own", () => expect("what it got").toBe("what it wanted"));
