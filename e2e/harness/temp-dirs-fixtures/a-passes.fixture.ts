import { afterAll, beforeAll, expect, it } from "vitest";
import { madeFolder } from "./made.ts";

// One made for the file (a stack's data dir) and one by a test (a session's folder): both go after the file.
beforeAll(() => void madeFolder("passing-file"));
afterAll(() => void madeFolder("passing-after-all"));

it("passes", () => expect(madeFolder("passing-test")).toContain("chatml-temp-dirs-passing-test"));
