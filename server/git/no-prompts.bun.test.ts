import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git } from "./git.ts";
import { withGitHint } from "./no-prompts.ts";
import { startSshGitServer, type SshGitServer } from "./fixtures/ssh-git-server.ts";
import { commitFile, makeTempRepo } from "./test-support.ts";
import { writeExecutable } from "../test-support/executable.ts";

const UNDER_TERMINAL = fileURLToPath(new URL("./fixtures/git-under-terminal.ts", import.meta.url));
/** Far longer than a refused ssh takes (under a second here); a question on the terminal would wait for ever. */
const GIVE_UP_MS = 10_000;

let dir: string;
let server: SshGitServer;
const keyFile = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chatml-ssh-"));
  await git(dir, ["init", "--quiet", "--bare", "origin.git"]);
  // One key the server accepts, in two files: as is, and protected by a passphrase.
  await run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", keyFile("plain")]);
  copyFileSync(keyFile("plain"), keyFile("locked"));
  await run(["ssh-keygen", "-q", "-p", "-P", "", "-N", "a passphrase", "-f", keyFile("locked")]);
  server = await startSshGitServer(dir, keyFile("plain.pub"));
});
afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A clone whose origin is the SSH server, reached with `key` and the host keys in `knownHosts` (no agent, no user config). */
async function cloneWith(key: "plain" | "locked", knownHosts: string): Promise<string> {
  writeFileSync(keyFile("known_hosts"), knownHosts);
  const config = join(dir, `ssh_config_${key}`);
  writeFileSync(config, [
    "Host *",
    `  UserKnownHostsFile ${keyFile("known_hosts")}`,
    "  GlobalKnownHostsFile /dev/null",
    `  IdentityFile ${keyFile(key)}`,
    "  IdentitiesOnly yes",
    "  IdentityAgent none",
  ].join("\n"));
  const repo = await makeTempRepo("chatml-ssh-clone-");
  await git(repo, ["remote", "add", "origin", `ssh://git@127.0.0.1:${server.port}/origin.git`]);
  await git(repo, ["config", "core.sshCommand", `ssh -F '${config}'`]);
  await commitFile(repo, `${key}.txt`, `${Date.now()}\n`);
  return repo;
}

/** Runs ChatML's push, fetch, commit or new worktree in a child process on a PTY: what it answered, and what appeared on its terminal. */
async function underTerminal(action: "push" | "fetch" | "commit" | "worktree", repo: string, branch = "main"): Promise<{ outcome: { isDone: boolean; error: string | null } | null; terminal: string }> {
  let terminal = "";
  const decoder = new TextDecoder();
  const child = Bun.spawn([process.execPath, UNDER_TERMINAL, action, repo, branch], {
    env: { PATH: process.env.PATH ?? "", HOME: dir },
    terminal: { cols: 200, rows: 40, data: (_terminal, bytes) => void (terminal += decoder.decode(bytes, { stream: true })) },
  });
  const giveUp = setTimeout(() => child.kill("SIGKILL"), GIVE_UP_MS);
  await child.exited;
  clearTimeout(giveUp);
  const line = /RESULT (.+)/.exec(terminal)?.[1];
  return { outcome: line ? JSON.parse(line) : null, terminal };
}

async function run(argv: string[]): Promise<void> {
  const proc = Bun.spawn(argv, { stdout: "ignore", stderr: "pipe" });
  if ((await proc.exited) !== 0) throw new Error(`${argv.join(" ")}: ${await new Response(proc.stderr).text()}`);
}

describe("git run by ChatML never asks on the terminal ChatML was started from (ADR 0056)", () => {
  it("a push whose key needs its passphrase fails at once, saying to add the key to the ssh agent", async () => {
    const repo = await cloneWith("locked", `${server.knownHostsLine}\n`);
    const { outcome, terminal } = await underTerminal("push", repo);
    expect(terminal).not.toMatch(/passphrase for key/i);
    expect(outcome?.isDone).toBe(false);
    expect(outcome?.error).toMatch(/Could not read from remote repository/);
    expect(outcome?.error).toMatch(/add it to your ssh agent on this machine \(`ssh-add`\)/);
  });

  it("a fetch from a host ssh does not know yet fails at once, saying how to trust it, and trusts nothing", async () => {
    const repo = await cloneWith("plain", "");
    const { outcome, terminal } = await underTerminal("fetch", repo);
    expect(terminal).not.toMatch(/continue connecting/i);
    expect(outcome).toEqual({ isDone: false, error: "Host key verification failed." });
    // A new session's warning built from that answer says what to do.
    await expect(git(repo, ["fetch", "origin"])).rejects.toThrow(/Connect once from a terminal on this machine/);
  });

  it("a key that needs no question still pushes and fetches over ssh", async () => {
    const repo = await cloneWith("plain", `${server.knownHostsLine}\n`);
    expect((await underTerminal("push", repo)).outcome).toEqual({ isDone: true, error: null });
    expect(await git(join(dir, "origin.git"), ["log", "-1", "--format=%s", "main"])).toBe("add plain.txt");
    expect((await underTerminal("fetch", repo)).outcome).toEqual({ isDone: true, error: null });
  });
});

describe("git run by ChatML has no terminal: a hook that asks on it fails at once instead of waiting there", () => {
  /** A hook as some repositories have: it asks on the terminal, whatever git's own streams are. */
  const askingHook = '#!/bin/sh\nexec < /dev/tty\necho "Really? [y/N]" > /dev/tty\nread answer\n[ "$answer" = y ]\n';

  it("a commit (simple-git) whose pre-commit hook asks fails, saying why and what to do", async () => {
    const repo = await makeTempRepo("chatml-tty-commit-");
    writeExecutable(join(repo, ".git/hooks/pre-commit"), askingHook);
    writeFileSync(join(repo, "new.txt"), "staged\n");
    await git(repo, ["add", "new.txt"]);
    const { outcome, terminal } = await underTerminal("commit", repo);
    expect(terminal).not.toContain("Really?");
    expect(outcome?.isDone).toBe(false);
    expect(outcome?.error).toMatch(/\/dev\/tty/);
    expect(outcome?.error).toMatch(/wanted to ask on a terminal/);
  });

  it("a new worktree (runGit) whose post-checkout hook asks is made, with the hook's complaint", async () => {
    const repo = await makeTempRepo("chatml-tty-worktree-");
    writeExecutable(join(repo, ".git/hooks/post-checkout"), askingHook);
    const { outcome, terminal } = await underTerminal("worktree", repo, "asked-branch");
    expect(terminal).not.toContain("Really?");
    expect(outcome).toMatchObject({ isDone: false, error: expect.stringMatching(/\/dev\/tty/) });
    expect(await git(`${repo}-worktree`, ["branch", "--show-current"])).toBe("asked-branch");
  });
});

describe("withGitHint", () => {
  it("says what to do after ssh refused to ask, and leaves every other git error as it was", () => {
    expect(withGitHint("git push failed", "git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote repository.")).toMatch(/^git push failed\nssh found no key/);
    expect(withGitHint("x", "Host key verification failed.")).toMatch(/^x\nssh does not know this server's host key yet/);
    expect(withGitHint("git commit failed", "error: gpg failed to sign the data\nfatal: failed to write commit object")).toMatch(/^git commit failed\nSomething git ran/);
    expect(withGitHint("git push failed", "remote: Permission to a/b.git denied to c.\nfatal: unable to access")).toBe("git push failed");
    expect(withGitHint("git add failed", "fatal: Unable to create '/r/.git/index.lock': File exists.\n\nAnother git process seems to be running")).toMatch(/^git add failed\nAnother git process is working in this repository/);
  });
});
