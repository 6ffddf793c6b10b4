import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { REPO_ROOT } from "./chatml.ts";
import { tempDir } from "./env.ts";

// The fixtures run once, in a vitest of their own with the e2e setup file; each test reads what it kept.
const failures = tempDir("chatml-failure-artifacts");
let printed = "";
beforeAll(async () => {
  const vitest = Bun.spawn([process.execPath, "--bun", join(REPO_ROOT, "node_modules/vitest/vitest.mjs"), "run", "--config", "e2e/harness/failure-artifacts-fixtures/vitest.config.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, CHATML_E2E_FAILURES_DIR: failures },
    stdout: "pipe",
    stderr: "pipe",
  });
  printed = (await new Response(vitest.stdout).text()) + (await new Response(vitest.stderr).text());
  expect(await vitest.exited, printed).toBe(1);
});
const read = (name: string) => readFileSync(join(failures, name), "utf8");

it("keeps what failed tests and failed beforeAll/afterAll hooks said in the failures folder", () => {
  const kept = readdirSync(failures).toSorted();
  expect(kept).toEqual([
    "after-all-fails.fixture.ts -- fails on its own.txt",
    "after-all-fails.fixture.ts -- hooks of the file.txt",
    "before-all-fails.fixture.ts -- hooks of a describe whose set-up fails.txt",
    "first-error-kept.fixture.ts -- fails first in its steps and then in its failure screenshot.txt",
  ]);
  expect(read("after-all-fails.fixture.ts -- fails on its own.txt")).toContain("what it wanted");
  expect(read("after-all-fails.fixture.ts -- hooks of the file.txt")).toContain("the file's afterAll broke");
  expect(read("before-all-fails.fixture.ts -- hooks of a describe whose set-up fails.txt")).toContain("the describe's beforeAll broke");
});

it("puts the first error first when the failure screenshot and a later hook fail too, then the fake API's requests and the terminal", () => {
  const kept = read("first-error-kept.fixture.ts -- fails first in its steps and then in its failure screenshot.txt");
  const sections = kept.split(/\n\n(?=--- )/);
  expect(sections[1]).toMatch(
    /^--- the first error ---\nthe step that failed first\n\(then, on the way out: Error: the failure screenshot \/nonexistent\/failure\.png was not taken: TimeoutError: page\.screenshot: Timeout 30000ms exceeded\.\)/,
  );
  expect(sections[2]).toMatch(/^--- error 2 of 2 \(after the first\) ---\na later afterEach broke/);
  expect(kept).toMatch(/--- fake API on port \d+: its last requests ---\n\d\d:\d\d:\d\d\.\d{3} POST \/v1\/messages → 200 · script text step 0 · reply [\w,]+ · \d+ deltas sent · host: "@@text what the CLI asked"/);
  expect(kept).toContain("--- the terminal of the test ---\nthe screen it showed");
  // Vitest's own report names the step's error, not only the screenshot's.
  expect(printed).toContain("the step that failed first");
});

it("shows a file's own contexts only, when the files before it in its worker kept theirs", () => {
  const ownFile = ["after-all-fails.fixture.ts -- fails on its own.txt", "after-all-fails.fixture.ts -- hooks of the file.txt"].map(read);
  for (const kept of ownFile) {
    expect(kept).toContain("--- what the after-all file kept ---\nits own context");
    expect(kept).not.toContain("the terminal of the test");
    expect(kept).not.toContain("fake API on port");
  }
  expect(read("first-error-kept.fixture.ts -- fails first in its steps and then in its failure screenshot.txt")).not.toContain("what the after-all file kept");
});
