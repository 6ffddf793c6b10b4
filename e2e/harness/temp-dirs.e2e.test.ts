import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { REPO_ROOT } from "./chatml.ts";
import { tempDir } from "./env.ts";

// The fixtures run in a vitest of their own with the e2e temp-dirs setup file; the list says what each made.
const list = join(tempDir("chatml-temp-dirs-list"), "made.txt");
afterAll(() => {
  for (const dir of made().values()) rmSync(dir, { recursive: true, force: true });
});

function made(): Map<string, string> {
  return new Map(readFileSync(list, "utf8").trim().split("\n").map((line) => line.split(" ") as [string, string]));
}

it("removes the folders a passing file made once it is done, and keeps those of a file with a failure", async () => {
  const vitest = Bun.spawn([process.execPath, "--bun", join(REPO_ROOT, "node_modules/vitest/vitest.mjs"), "run", "--config", "e2e/harness/temp-dirs-fixtures/vitest.config.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, CHATML_MADE_LIST: list },
    stdout: "pipe",
    stderr: "pipe",
  });
  const printed = (await new Response(vitest.stdout).text()) + (await new Response(vitest.stderr).text());
  expect(await vitest.exited, printed).toBe(1);

  const folders = made();
  expect([...folders.keys()].toSorted()).toEqual(["failing-file", "failing-test", "passing-after-all", "passing-file", "passing-test"]);
  const exists = Object.fromEntries([...folders].map(([name, dir]) => [name, existsSync(dir)]));
  expect(exists).toEqual({ "passing-file": false, "passing-test": false, "passing-after-all": false, "failing-file": true, "failing-test": true });
  expect(printed).toContain(`b-fails.fixture.ts failed: its temp folders are kept:\n  ${folders.get("failing-file")}\n  ${folders.get("failing-test")}`);
});
