import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { writeExecutable } from "./executable.ts";

const dir = mkdtempSync(join(tmpdir(), "chatml-executable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Why a shell writes it (ETXTBSY while other threads fork) is a race no test here can make happen on demand: with two
// threads spawning without pause, 300 scripts written with writeFileSync and chmod failed 1–5 times, these 0 times.
it("writes a script that runs at once, with what it was given, executable by its owner and readable by all", () => {
  const script = join(dir, "says-hello.sh");
  writeExecutable(script, "#!/bin/sh\necho \"hello $1\"\n");
  expect(statSync(script).mode & 0o777).toBe(0o755);
  expect(Bun.spawnSync([script, "there"]).stdout.toString()).toBe("hello there\n");
  writeExecutable(script, "#!/bin/sh\necho again\n");
  expect(Bun.spawnSync([script]).stdout.toString()).toBe("again\n");
});

it("says which file it could not write", () => {
  expect(() => writeExecutable(join(dir, "missing-folder", "script.sh"), "#!/bin/sh\n")).toThrow(/could not write the executable .*missing-folder\/script\.sh/);
});
