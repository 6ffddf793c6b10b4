import { describe, expect, it } from "vitest";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

/** The packages a start loads, read from a fresh Bun process that imports the CLI entry as `chatml` does. */
async function packagesLoadedAtStart(): Promise<string[]> {
  const script = `await import(${JSON.stringify(join(ROOT, "bin", "run.ts"))});
const names = Object.keys(require.cache).filter((path) => path.includes("/node_modules/")).map((path) => {
  const rest = path.split("/node_modules/").pop().split("/");
  return rest[0].startsWith("@") ? rest[0] + "/" + rest[1] : rest[0];
});
console.log(JSON.stringify([...new Set(names)]));`;
  const proc = Bun.spawn([process.execPath, "-e", script], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`import failed (${code}): ${err}`);
  return JSON.parse(out.trim().split("\n").pop() ?? "[]") as string[];
}

describe("start-up imports (issue 16: start to first HTTP 200)", () => {
  it("loads only the packages the first request needs; git, push, QR, terminals and integrations load on first use", async () => {
    const loaded = await packagesLoadedAtStart();
    expect(loaded).toContain("hono");
    for (const lazy of ["simple-git", "web-push", "qrcode", "uqr", "@xterm/headless", "@octokit/rest", "@linear/sdk"]) expect(loaded).not.toContain(lazy);
  });
});
