import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chooseEntry } from "../bin/bundle.ts";
import { freePort, REPO_ROOT, tempDir } from "./harness/index.ts";
import { readLines, waitUntil } from "./harness/lines.ts";

/** The published shape: `bun pm pack`, then `bunx` of the tarball, runs the prebuilt server bundle and serves the built app. */
describe("the packed package", () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((cleanup) => cleanup()));

  it("starts with bunx from its tarball and serves the app", async () => {
    expect(existsSync(join(REPO_ROOT, "dist/web/index.html")), "run `bun run build` first").toBe(true);
    const packDir = tempDir("chatml-pack");
    const pack = Bun.spawnSync(["bun", "pm", "pack", "--destination", packDir, "--ignore-scripts"], { cwd: REPO_ROOT });
    expect(pack.exitCode, pack.stderr.toString()).toBe(0);
    const tarball = join(packDir, "chatml-0.1.0.tgz");
    const listing = Bun.spawnSync(["tar", "tzf", tarball]).stdout.toString();
    expect(listing).toContain("package/dist/web/index.html");
    expect(listing).toContain("package/bin/chatml.ts");
    // The server bundle (ADR 0042), its lazily loaded chunks, and the sources it finds files beside (the hook).
    expect(listing).toContain("package/dist/server/run.js");
    expect(listing).toMatch(/package\/dist\/server\/api-\w+\.js/);
    expect(listing).toContain("package/server/claude/hooks/permission-request-hook.ts");
    expect(listing).not.toContain("dist/server/inputs.json");
    // What the installed package's bin/chatml.ts picks: its bundle (no .git, so no comparing times).
    const unpacked = tempDir("chatml-unpacked");
    expect(Bun.spawnSync(["tar", "xzf", tarball, "-C", unpacked]).exitCode).toBe(0);
    expect(chooseEntry(join(unpacked, "package"), {})).toMatchObject({ kind: "bundle", path: join(unpacked, "package", "dist", "server", "run.js") });
    expect(listing).not.toMatch(/\.test\.ts|fixtures\//);

    const port = await freePort();
    const child = Bun.spawn(["bunx", `chatml@file:${tarball}`, "--no-open", "--port", String(port), "--data-dir", tempDir("chatml-pack-data")], {
      cwd: packDir,
      stdout: "pipe",
      stderr: "pipe",
    });
    cleanups.push(() => child.kill());
    let signInUrl: string | undefined;
    const output: string[] = [];
    void readLines(child.stdout, (line) => {
      output.push(line);
      signInUrl ??= /https?:\/\/\S+\/sign-in\?code=[\w-]+/.exec(line)?.[0];
    });
    void readLines(child.stderr, (line) => output.push(line));
    await waitUntil(() => signInUrl, 90_000, "the sign-in URL").catch((error: unknown) => {
      throw new Error(`${String(error)}\n${output.join("\n")}`);
    });

    const signIn = await fetch(signInUrl as string, { redirect: "manual" });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  }, 120_000);
});
