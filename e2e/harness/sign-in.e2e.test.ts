import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./chatml.ts";
import { tempDir } from "./env.ts";

// A manual walk is a plain `bun walk.ts`, where vitest's expect.poll throws "Vitest failed to access its internal
// state": the script runs in a child process, outside vitest, as a walk does.
const WALK = `
import { signIn, startStack, stopStack } from ${JSON.stringify(join(REPO_ROOT, "e2e/harness/index.ts"))};
const stack = await startStack("chatml-sign-in-walk");
try {
  const link = stack.server.url;
  const page = await (await stack.browser.newContext()).newPage();
  await signIn(page, link);
  console.log("signed-in", await page.evaluate(async () => (await fetch("/api/workspaces")).status));
  const other = await (await stack.browser.newContext()).newPage();
  const spent = await signIn(other, link, 2_000).then(() => "signed in with a spent link", (error) => String(error));
  console.log("spent", JSON.stringify({ spent, hasCode: spent.includes(new URL(link).searchParams.get("code")) }));
} finally {
  await stopStack(stack);
}
`;

describe("signIn from a plain script", () => {
  it("signs a browser in without vitest, and says clearly (without the code) when the link does not sign in", async () => {
    const script = join(tempDir("chatml-sign-in-walk"), "walk.ts");
    writeFileSync(script, WALK);
    const walk = Bun.spawn([process.execPath, script], { cwd: REPO_ROOT, env: process.env, stdout: "pipe", stderr: "pipe" });
    const [out, err, code] = await Promise.all([new Response(walk.stdout).text(), new Response(walk.stderr).text(), walk.exited]);
    expect(code, `${out}\n${err}`).toBe(0);
    expect(out).toContain("signed-in 200");
    const spent = JSON.parse(out.split("\n").find((line) => line.startsWith("spent "))!.slice("spent ".length)) as { spent: string; hasCode: boolean };
    expect(spent.spent).toMatch(/sign-in did not finish: the page at http:\/\/127\.0\.0\.1:\d+\/sign-in still has a query after 2000 ms/);
    expect(spent.hasCode).toBe(false);
  });
});
