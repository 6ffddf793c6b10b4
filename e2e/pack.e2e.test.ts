import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chooseEntry } from "../bin/bundle.ts";
import { REPO_ROOT, tempDir } from "./harness/index.ts";
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
    // The server bundle (ADR 0042), its lazily loaded chunks, and the sources it finds files beside.
    expect(listing).toContain("package/dist/server/run.js");
    expect(listing).toMatch(/package\/dist\/server\/api-\w+\.js/);
    // Zod, which the bundle reads when it first builds a schema (ADR 0183).
    expect(listing).toContain("package/dist/server/zod.js");
    expect(listing).toContain("package/server/core/skills/builtin/");
    expect(listing).not.toContain("dist/server/inputs.json");
    // What the installed package's bin/chatml.ts picks: its bundle (no .git, so no comparing times).
    const unpacked = tempDir("chatml-unpacked");
    expect(Bun.spawnSync(["tar", "xzf", tarball, "-C", unpacked]).exitCode).toBe(0);
    expect(chooseEntry(join(unpacked, "package"), {})).toMatchObject({ kind: "bundle", path: join(unpacked, "package", "dist", "server", "run.js") });
    expect(listing).not.toMatch(/\.test\.ts|fixtures\//);

    const signInUrl = await startFromTarball(tarball, packDir, tempDir("chatml-pack-data"), cleanups);

    const signIn = await fetch(signInUrl, { redirect: "manual" });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await fetch(new URL("/", signInUrl), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // The API checks its inputs with zod from dist/server/zod.js: a valid change is taken, an invalid one refused by name.
    const settings = (body: unknown) => fetch(new URL("/api/settings", signInUrl), { method: "PUT", headers: { cookie, "content-type": "application/json", origin: new URL(signInUrl).origin }, body: JSON.stringify(body) });
    expect((await settings({ promptSuggestions: false })).status).toBe(200);
    const refused = await settings({ promptSuggestions: "no" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("promptSuggestions");
  }, 240_000);
});

/**
 * Runs `bunx chatml@file:<tarball>` until it prints its sign-in URL. bunx resolves every dependency's manifest from
 * the npm registry (it has no offline mode), and a registry request that stalls stalls the install without an error
 * (one CI run waited 90 s at "Resolving dependencies"): an install that failed, or has not finished in a minute, is
 * started again, twice at most. Once the install has finished, ChatML itself gets no second chance. It is given no
 * --port: it binds the first free one from its default up and its sign-in URL says which (a port picked here could be
 * taken by another test's server before chatml, a minute of installing later, binds it).
 */
async function startFromTarball(tarball: string, cwd: string, dataDir: string, cleanups: (() => void)[]): Promise<string> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    const child = Bun.spawn(["bunx", `chatml@file:${tarball}`, "--no-open", "--data-dir", dataDir], {
      cwd,
      stdout: "pipe",
      stderr: "pipe",
    });
    cleanups.push(() => child.kill());
    let signInUrl: string | undefined;
    let installed = false;
    const output: string[] = [];
    const onLine = (line: string): void => {
      output.push(line);
      signInUrl ??= /https?:\/\/\S+\/sign-in\?code=[\w-]+/.exec(line)?.[0];
      installed ||= line.includes("Saved lockfile") || signInUrl !== undefined;
    };
    void readLines(child.stdout, onLine);
    void readLines(child.stderr, onLine);
    let exited = false;
    void child.exited.then(() => (exited = true));
    const outcome = await waitUntil(() => (installed ? "installed" : exited ? "exited" : undefined), 60_000, "bunx to install the package").catch(
      () => "stalled" as const,
    );
    if (outcome === "installed") {
      await waitUntil(() => signInUrl, 30_000, "the sign-in URL").catch((error: unknown) => {
        throw new Error(`${String(error)}\n${output.join("\n")}`);
      });
      return signInUrl as string;
    }
    child.kill();
    await child.exited;
    if (attempt === attempts) throw new Error(`bunx did not install the package in ${attempts} attempts (the last ${outcome})\n${output.join("\n")}`);
    console.warn(`bunx attempt ${attempt} ${outcome} before installing the package; starting again. Its output:\n${output.join("\n")}`);
  }
}
