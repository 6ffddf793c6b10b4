import { afterAll, expect, it } from "vitest";
import { keepOnFailure } from "../failure-context.ts";

// Shares a worker with first-error-kept's file (vitest.config.ts): each file's artifacts show its own contexts only.
keepOnFailure("what the after-all file kept", () => "its own context");

afterAll(() => {
  throw new Error("the file's afterAll broke");
});

it("fails on its own", () => expect("what it got").toBe("what it wanted"));
