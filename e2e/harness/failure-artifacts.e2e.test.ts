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
  expect(kept.filter((name) => name.endsWith(".txt"))).toEqual([
    "after-all-fails.fixture.ts -- fails on its own.txt",
    "after-all-fails.fixture.ts -- hooks of the file.txt",
    "before-all-fails.fixture.ts -- hooks of a describe whose set-up fails.txt",
    "first-error-kept.fixture.ts -- fails first in its steps and then in its failure screenshot.txt",
    "pages-closed.fixture.ts -- fails in a try whose finally closes its pages.txt",
    "pages-closed.fixture.ts -- fails with its page closed after it.txt",
    "pages-open.fixture.ts -- fails with a page that no longer answers.txt",
    "pages-open.fixture.ts -- fails with two pages open.txt",
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

it("keeps a screenshot of every page a failed test left open beside its text, with each page's URL and visible text; none for a passing test", () => {
  const twoPages = "pages-open.fixture.ts -- fails with two pages open";
  // The passing test's page is still open when the next test fails: it is one of that failure's pages.
  expect(readdirSync(failures).filter((name) => name.startsWith(twoPages)).toSorted()).toEqual([1, 2, 3].map((n) => `${twoPages}.page-${n}.png`).concat(`${twoPages}.txt`));
  for (const n of [1, 2, 3]) expect(readFileSync(join(failures, `${twoPages}.page-${n}.png`)).subarray(1, 4).toString()).toBe("PNG");
  expect(readdirSync(failures).some((name) => name.includes("passes with a page left open"))).toBe(false);
  const pages = read(`${twoPages}.txt`).split("--- the pages open when it failed ---\n")[1];
  expect(pages).toMatch(new RegExp(`^page 1: http://127\\.0\\.0\\.1:\\d+/passing\\?text=.+\nscreenshot: ${twoPages}\\.page-1\\.png\na page of a test that passed\n\npage 2: `));
  // The screen's text, after the dialog over it; not the sidebar's entries before it, which filled the text kept.
  expect(pages).toContain(`/desktop?text=the%20desktop%20card%20said%20No%20pull%20request&dialog=Session%20controls\nscreenshot: ${twoPages}.page-2.png\ndialogs: Session controls\nthe desktop card said No pull request`);
  expect(pages).not.toContain("an entry of the sidebar");
  expect(pages).toContain(`/phone?text=the%20phone%20card%20said%20Open\nscreenshot: ${twoPages}.page-3.png\nthe phone card said Open`);
});

it("keeps the screenshot of a failed test's page that its afterEach or its finally closed, before they closed it; none for a passing test", () => {
  const closed = [
    ["pages-closed.fixture.ts -- fails with its page closed after it", "/desktop?text=the%20card%20said%20No%20pull%20request", "the card said No pull request"],
    ["pages-closed.fixture.ts -- fails in a try whose finally closes its pages", "/flood?text=the%20terminal%20after%20the%20flood", "the terminal after the flood"],
  ] as const;
  for (const [name, path, text] of closed) {
    expect(readdirSync(failures).filter((file) => file.startsWith(name)).toSorted()).toEqual([`${name}.page-1.png`, `${name}.txt`]);
    expect(readFileSync(join(failures, `${name}.page-1.png`)).subarray(1, 4).toString()).toBe("PNG");
    const pages = read(`${name}.txt`).split("--- the pages open when it failed ---\n")[1];
    expect(pages?.replace(/^page 1: http:\/\/127\.0\.0\.1:\d+\//, "page 1: http://site/")).toBe(`page 1: http://site${path}\nscreenshot: ${name}.page-1.png\n${text}`);
  }
  expect(readdirSync(failures).some((name) => name.includes("passes with its page closed after it"))).toBe(false);
});

it("says which page could not be captured in time and writes the failure all the same, its first error first", () => {
  const kept = read("pages-open.fixture.ts -- fails with a page that no longer answers.txt");
  expect(kept).toContain("--- the first error ---\nexpected 'the page' to be 'answering'");
  expect(kept).toMatch(/\/stuck\?text=a%20page%20about%20to%20hang\nscreenshot: \(not taken in \d+ s\)\n\(its text was not read in \d+ s\)/);
});

it("shows a file's own contexts only, when the files before it in its worker kept theirs", () => {
  const ownFile = ["after-all-fails.fixture.ts -- fails on its own.txt", "after-all-fails.fixture.ts -- hooks of the file.txt"].map(read);
  for (const kept of ownFile) {
    expect(kept).toContain("--- what the after-all file kept ---\nits own context");
    expect(kept).not.toContain("the terminal of the test");
    expect(kept).not.toContain("fake API on port");
    expect(kept).not.toContain("the pages open when it failed");
  }
  expect(read("first-error-kept.fixture.ts -- fails first in its steps and then in its failure screenshot.txt")).not.toContain("what the after-all file kept");
});
