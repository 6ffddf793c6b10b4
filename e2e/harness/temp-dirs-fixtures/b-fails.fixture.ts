import { beforeAll, expect, it } from "vitest";
import { madeFolder } from "./made.ts";

// Runs in the same worker as the passing file, before or after it: what that file made is not this file's to keep.
beforeAll(() => void madeFolder("failing-file"));

it("passes first", () => expect(1).toBe(1));
it("fails", () => {
  madeFolder("failing-test");
  expect("what it got").toBe("what it wanted");
});
