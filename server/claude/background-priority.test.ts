import { existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { atBackgroundPriority, BACKGROUND_NICENESS, lowerSessionPriority } from "./background-priority.ts";

// The priority a background CLI really runs at, and its session's, is proven with real processes in one-shot-cli.test.ts.
describe("background priority", () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs a background CLI under nice, and where there is none runs it unchanged and says so once", () => {
    expect(atBackgroundPriority(["claude", "-p"], "/usr/bin/nice")).toEqual(["/usr/bin/nice", "-n", String(BACKGROUND_NICENESS), "claude", "-p"]);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(atBackgroundPriority(["claude", "-p"], null)).toEqual(["claude", "-p"]);
    expect(atBackgroundPriority(["claude", "-p"], null)).toEqual(["claude", "-p"]);
    expect(warn.mock.calls).toEqual([["[one-shot] no `nice` command on this system: background CLIs (titles, summaries) run at normal priority"]]);
  });

  it("lets a CLI that is already gone be, without a warning", async () => {
    const gone = Bun.spawn(["true"]);
    await gone.exited;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(lowerSessionPriority(gone.pid)).resolves.toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  // A session that is not ours to lower (another user's, a sandbox's /proc): the CLIs then compete at normal priority,
  // which the server says once, with the reason, however many CLIs it starts.
  const isRoot = process.getuid?.() === 0;
  const setpriv = Bun.which("setpriv");
  // Root may lower any session: the probe then runs as nobody, against this root-owned process. Another user lowers
  // none of init's, when init is not theirs.
  const probe: { asUser: string[]; target: number } | null = isRoot
    ? setpriv ? { asUser: [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"], target: process.pid } : null
    : statSync("/proc/1").uid !== process.getuid?.() ? { asUser: [], target: 1 } : null;
  it.runIf(existsSync("/proc/self/autogroup") && probe)("says once, with the reason, that background CLIs run at normal priority when their session cannot be lowered", async () => {
    const { asUser, target } = probe!;
    // Two background CLIs' sessions, as the server would lower them.
    const lowerTwice = `const { lowerSessionPriority } = await import(${JSON.stringify(join(import.meta.dirname, "background-priority.ts"))}); await lowerSessionPriority(${target}); await lowerSessionPriority(${target});`;
    const proc = Bun.spawn([...asUser, process.execPath, "-e", lowerTwice], { stdout: "pipe", stderr: "pipe", env: { ...process.env, HOME: tmpdir() } });
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    expect(code).toBe(0);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[one-shot\] could not lower the CPU priority of background CLIs' sessions \(EACCES\b.*\): with the kernel's autogroups they compete with the conversations at normal priority$/);
  });
});
