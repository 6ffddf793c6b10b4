import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "./chatml.ts";
import { tempDir } from "./env.ts";

it("keeps what failed tests and failed beforeAll/afterAll hooks said in the failures folder", async () => {
  const failures = tempDir("chatml-failure-artifacts");
  const vitest = Bun.spawn([process.execPath, "--bun", join(REPO_ROOT, "node_modules/vitest/vitest.mjs"), "run", "--config", "e2e/harness/failure-artifacts-fixtures/vitest.config.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, CHATML_E2E_FAILURES_DIR: failures },
    stdout: "pipe",
    stderr: "pipe",
  });
  const printed = (await new Response(vitest.stdout).text()) + (await new Response(vitest.stderr).text());
  expect(await vitest.exited, printed).toBe(1);

  const kept = readdirSync(failures).toSorted();
  expect(kept).toEqual([
    "after-all-fails.fixture.ts -- fails on its own.txt",
    "after-all-fails.fixture.ts -- hooks of the file.txt",
    "before-all-fails.fixture.ts -- hooks of a describe whose set-up fails.txt",
  ]);
  const read = (name: string) => readFileSync(join(failures, name), "utf8");
  expect(read("after-all-fails.fixture.ts -- fails on its own.txt")).toContain("what it wanted");
  expect(read("after-all-fails.fixture.ts -- hooks of the file.txt")).toContain("the file's afterAll broke");
  expect(read("before-all-fails.fixture.ts -- hooks of a describe whose set-up fails.txt")).toContain("the describe's beforeAll broke");
});
