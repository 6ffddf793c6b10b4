import { expect, it } from "vitest";
import { failureDigest } from "./failure-digest.ts";

const artifact = [
  "e2e/x.e2e.test.ts > opens Settings from Session controls",
  "--- the first error ---\nwaitFor: Timeout 30000ms exceeded.\nCall log:\n  - waiting for getByRole('heading', { name: 'Settings' })\n\nTimeoutError: waitFor\n    at e2e/x.e2e.test.ts:443:68\n    at two\n    at three\n    at four",
  "--- chatml on port 4000 printed ---\nChatML 0.1.0 is running.",
  "--- the pages open when it failed ---\npage 1: http://127.0.0.1:4000/#/c/cnv_1\nscreenshot: x.page-1.png\ndialogs: Session controls\n" + "the chat said hello\n".repeat(40),
  "page 2: http://127.0.0.1:4000/#/settings\nscreenshot: (not taken in 10 s)\n(its text was not read in 10 s)",
].join("\n\n");

it("keeps the test, the first error's opening lines and each page's address and the start of its text, on one line", () => {
  const digest = failureDigest(artifact);
  expect(digest.split("\n").slice(0, 3)).toEqual(["× e2e/x.e2e.test.ts > opens Settings from Session controls", "waitFor: Timeout 30000ms exceeded.", "Call log:"]);
  expect(digest).toContain("    at e2e/x.e2e.test.ts:443:68");
  expect(digest).not.toContain("at four");
  expect(digest).not.toContain("ChatML 0.1.0 is running");
  const pages = digest.split("pages when it failed:\n")[1]?.split("\n") ?? [];
  expect(pages[0]).toBe("page 1: http://127.0.0.1:4000/#/c/cnv_1");
  expect(pages[1]).toMatch(/^ {4}dialogs: Session controls · the chat said hello · the chat said hello · .{300,}…$/);
  expect(pages[1]?.length).toBeLessThan(420);
  expect(pages.slice(2)).toEqual(["page 2: http://127.0.0.1:4000/#/settings", "    (its text was not read in 10 s)"]);
});

it("leaves out what a hook's failure does not have: no pages", () => {
  expect(failureDigest("e2e/x.e2e.test.ts > hooks of the file\n\n--- the first error ---\nbeforeAll broke")).toBe("× e2e/x.e2e.test.ts > hooks of the file\nbeforeAll broke");
});
