import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitFile } from "../../git/test-support.ts";
import { git } from "../../git/index.ts";
import { makeSourceControlKit, type SourceControlKit } from "./source-control-test-kit.ts";
import { writeExecutable } from "../../test-support/executable.ts";

let k: SourceControlKit;
beforeEach(async () => {
  k = await makeSourceControlKit();
});
afterEach(() => k.close());

const branchOf = () => k.session.branch ?? "";
const remoteSha = (branch: string) => git(k.remote, ["rev-parse", `refs/heads/${branch}`]);

describe("push", () => {
  it("pushes the session branch, sets its upstream and publishes the operation to every device", async () => {
    await commitFile(k.cwd, "a.txt", "a\n");
    await expect(k.service.push(k.id)).resolves.toEqual({ branch: branchOf() });
    expect(await remoteSha(branchOf())).toBe(await git(k.cwd, ["rev-parse", "HEAD"]));
    expect(await git(k.cwd, ["rev-parse", "--abbrev-ref", "@{upstream}"])).toBe(`origin/${branchOf()}`);
    expect(k.kit.sessions.get(k.id).git?.upstream).toEqual({ name: `origin/${branchOf()}`, ahead: 0, behind: 0 });
    expect(k.operations.map((o) => o.status)).toContain("running");
    expect(k.operations.at(-1)).toMatchObject({ kind: "push", status: "done", sessionId: k.id });
  });

  it("says what to do when the remote has moved on (fetch first), counts what is to pull, and keeps the local commit", async () => {
    await commitFile(k.cwd, "a.txt", "a\n");
    await k.service.push(k.id);
    const other = await k.otherClone();
    await git(other, ["checkout", "--quiet", branchOf()]);
    await commitFile(other, "b.txt", "b\n");
    await git(other, ["push", "--quiet", "origin", branchOf()]);
    await commitFile(k.cwd, "c.txt", "c\n");
    const local = await git(k.cwd, ["rev-parse", "HEAD"]);
    const said = `Push rejected: origin/${branchOf()} has 1 commit this branch does not have (pushed from elsewhere). Pull from origin/${branchOf()} to bring it in, then push again; a force push would throw it away.`;
    await expect(k.service.push(k.id)).rejects.toMatchObject({ code: "conflict", message: said, details: { reason: "remote_ahead", count: 1 } });
    expect(await git(k.cwd, ["rev-parse", "HEAD"])).toBe(local);
    expect(k.operations.at(-1)).toMatchObject({ status: "failed", message: said });
    // The rejected push fetched what origin has: the Git panel counts it as to pull, not "0 to pull".
    expect(k.kit.sessions.get(k.id).git?.upstream).toEqual({ name: `origin/${branchOf()}`, ahead: 1, behind: 1 });
    // The failure is pinned to that state (read after the fetch), so devices drop it once the branch moves on.
    expect(k.operations.at(-1)).toMatchObject({ status: "failed", failedAt: { branch: branchOf(), headSha: local, upstream: { name: `origin/${branchOf()}`, ahead: 1, behind: 1 }, operation: null } });

    const pulled = await k.service.integrate(k.id, { mode: "rebase", from: "upstream" });
    expect(pulled.status).toBe("done");
    await k.service.push(k.id);
    expect(await git(k.cwd, ["log", "--format=%s", "-3"])).toBe("add c.txt\nadd b.txt\nadd a.txt");
  });

  it("after amending a pushed commit: a plain push is refused, a force push with lease replaces it, unless someone pushed since", async () => {
    await commitFile(k.cwd, "a.txt", "a\n");
    await k.service.push(k.id);
    const { sha: amended } = await k.service.commit(k.id, { message: "add a.txt, amended", isAmend: true });
    expect(k.kit.sessions.get(k.id).git?.upstream).toEqual({ name: `origin/${branchOf()}`, ahead: 1, behind: 1 });
    await expect(k.service.push(k.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/rejected/) });

    await expect(k.service.push(k.id, { isForce: true })).resolves.toEqual({ branch: branchOf() });
    expect(await remoteSha(branchOf())).toBe(amended);
    expect(k.kit.sessions.get(k.id).git?.upstream).toEqual({ name: `origin/${branchOf()}`, ahead: 0, behind: 0 });
    expect(k.operations.at(-1)).toMatchObject({ kind: "push", status: "done", message: expect.stringContaining("with lease") });

    // Someone else pushes on top; this clone has not fetched it, amends again and force-pushes: the lease refuses.
    const other = await k.otherClone();
    await git(other, ["checkout", "--quiet", branchOf()]);
    await commitFile(other, "theirs.txt", "theirs\n");
    await git(other, ["push", "--quiet", "origin", branchOf()]);
    const theirs = await remoteSha(branchOf());
    await k.service.commit(k.id, { message: "add a.txt, amended twice", isAmend: true });
    await expect(k.service.push(k.id, { isForce: true })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/stale info|rejected/) });
    expect(await remoteSha(branchOf())).toBe(theirs);
  });

  it("sees a pushed commit amended outside ChatML (a terminal) live, without a refresh", async () => {
    // An hour-old file: git then has no reason to rewrite the index on amend, as when a user amends a while later.
    writeFileSync(join(k.cwd, "a.txt"), "a\n");
    utimesSync(join(k.cwd, "a.txt"), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await git(k.cwd, ["add", "a.txt"]);
    await git(k.cwd, ["commit", "--quiet", "-m", "add a.txt"]);
    await k.service.push(k.id);
    await git(k.cwd, ["commit", "--quiet", "--amend", "-m", "amended in a terminal"]);
    await k.kit.waitForSession(k.id, (s) => s.git?.upstream?.ahead === 1 && s.git.upstream.behind === 1);
  });

  it("sees stashes stored and dropped in a terminal live, though no file changes (only refs/stash and its reflog do)", async () => {
    const shas: string[] = [];
    for (const text of ["first aside\n", "second aside\n"]) {
      writeFileSync(join(k.cwd, "README.md"), text);
      shas.push(await git(k.cwd, ["stash", "create"]));
    }
    await k.kit.waitForSession(k.id, (s) => s.git?.files.some((f) => f.path === "README.md") === true);
    // Let the refresh those edits started finish: what follows must be seen through the stash's own files.
    await new Promise((resolve) => setTimeout(resolve, 500));
    let digest = k.kit.sessions.get(k.id).git?.stashes;
    for (const step of [["stash", "store", "--quiet", shas[0] ?? ""], ["stash", "store", "--quiet", shas[1] ?? ""], ["stash", "drop", "--quiet", "stash@{1}"]]) {
      await git(k.cwd, step);
      const seen = digest;
      digest = (await k.kit.waitForSession(k.id, (s) => s.git?.stashes !== undefined && s.git.stashes !== seen)).git?.stashes;
    }
  });

  it("sees an edit deep in a folder live (every folder git does not ignore is watched)", async () => {
    mkdirSync(join(k.cwd, "src", "deep"), { recursive: true });
    await commitFile(k.cwd, "src/deep/a.ts", "a\n");
    await k.kit.waitForSession(k.id, (s) => s.git?.headSubject === "add src/deep/a.ts" && s.git.files.length === 0);
    writeFileSync(join(k.cwd, "src", "deep", "a.ts"), "a, edited\n");
    await k.kit.waitForSession(k.id, (s) => s.git?.files.some((f) => f.path === "src/deep/a.ts") === true);
  });

  it("refuses a force push of a branch origin has never seen", async () => {
    await commitFile(k.cwd, "a.txt", "a\n");
    await expect(k.service.push(k.id, { isForce: true })).rejects.toThrow(/nothing to replace: push normally/);
  });

  it("refuses clearly without a remote, on a protected branch, on a detached HEAD, and on an auth failure", async () => {
    await git(k.cwd, ["remote", "rename", "origin", "elsewhere"]);
    await expect(k.service.push(k.id)).rejects.toThrow(/no remote named origin/);
    await git(k.cwd, ["remote", "rename", "elsewhere", "origin"]);
    await git(k.cwd, ["checkout", "--quiet", "--detach"]);
    await expect(k.service.push(k.id)).rejects.toThrow(/HEAD is detached/);
    await git(k.repo, ["checkout", "--quiet", "--detach"]);
    await git(k.cwd, ["checkout", "--quiet", "main"]);
    await expect(k.service.push(k.id)).rejects.toThrow(/"main" is a protected branch/);
    await git(k.cwd, ["checkout", "--quiet", branchOf()]);

    const server = Bun.serve({ port: 0, fetch: () => new Response("no", { status: 401, headers: { "www-authenticate": 'Basic realm="git"' } }) });
    try {
      await git(k.cwd, ["remote", "set-url", "origin", `http://127.0.0.1:${server.port}/repo.git`]);
      await expect(k.service.push(k.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/Username|Authentication failed|terminal prompts disabled/) });
    } finally {
      void server.stop(true);
    }
  });

  it("cancels a long push by killing git; the operation ends cancelled and the branch is untouched", async () => {
    const marker = join(k.remote, "hook-started");
    writeExecutable(join(k.remote, "hooks", "pre-receive"), `#!/bin/sh\ntouch "${marker}"\nsleep 30\n`);
    await commitFile(k.cwd, "a.txt", "a\n");
    const pushing = k.service.push(k.id);
    while (!existsSync(marker)) await Bun.sleep(20);
    expect(k.service.operation(k.id)).toMatchObject({ kind: "push", status: "running" });
    expect(() => k.service.push(k.id)).toThrow(/A push is already running/);
    expect(k.service.cancel(k.id)).toEqual({ isCancelled: true });
    await expect(pushing).rejects.toMatchObject({ code: "cancelled" });
    expect(k.operations.at(-1)).toMatchObject({ kind: "push", status: "cancelled" });
    expect(k.service.cancel(k.id)).toEqual({ isCancelled: false });
    expect(await git(k.cwd, ["log", "-1", "--format=%s"])).toBe("add a.txt");
  });
});

describe("bringing in the base", () => {
  it("rebases onto a base that moved on origin", async () => {
    await commitFile(k.cwd, "mine.txt", "mine\n");
    const other = await k.otherClone();
    await commitFile(other, "theirs.txt", "theirs\n");
    await git(other, ["push", "--quiet", "origin", "main"]);
    const result = await k.service.integrate(k.id, { mode: "rebase", from: "base" });
    expect(result.status).toBe("done");
    expect(await git(k.cwd, ["log", "--format=%s", "-2"])).toBe("add mine.txt\nadd theirs.txt");
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ ahead: 1, operation: null, conflicts: [] });
    expect(k.operations.at(-1)).toMatchObject({ kind: "rebase", status: "done" });
  });

  it("stops a rebase on conflicts, lists them, aborts back to where it was, then continues after a fix", async () => {
    await commitFile(k.cwd, "README.md", "# session\n");
    const before = await git(k.cwd, ["rev-parse", "HEAD"]);
    await commitFile(k.repo, "README.md", "# base\n");
    const stopped = await k.service.integrate(k.id, { mode: "rebase", from: "base" });
    expect(stopped).toEqual({ status: "conflicts", operation: "rebase", conflicts: ["README.md"] });
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ operation: "rebase", conflicts: ["README.md"] });
    expect(k.operations.at(-1)).toMatchObject({ status: "conflicts", message: expect.stringContaining("README.md") });
    await expect(k.service.commit(k.id, { message: "x", isAmend: true })).rejects.toThrow(/rebase is in progress/);
    await expect(k.service.continueOperation(k.id)).rejects.toThrow(/Resolve and stage these files first: README.md/);

    await k.service.abortOperation(k.id);
    expect(await git(k.cwd, ["rev-parse", "HEAD"])).toBe(before);
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ operation: null, conflicts: [] });

    await k.service.integrate(k.id, { mode: "rebase", from: "base" });
    writeFileSync(join(k.cwd, "README.md"), "# base and session\n");
    await k.service.stage(k.id, ["README.md"]);
    await expect(k.service.continueOperation(k.id)).resolves.toMatchObject({ status: "done" });
    expect(readFileSync(join(k.cwd, "README.md"), "utf8")).toBe("# base and session\n");
    expect(await git(k.cwd, ["log", "--format=%s", "-2"])).toBe("add README.md\nadd README.md");
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ operation: null, behind: 0, ahead: 1 });
  });

  it("merges the base in, and stops a conflicting merge for continue", async () => {
    await commitFile(k.cwd, "mine.txt", "mine\n");
    await commitFile(k.repo, "base.txt", "base\n");
    expect(await k.service.integrate(k.id, { mode: "merge", from: "base" })).toMatchObject({ status: "done" });
    expect(await git(k.cwd, ["log", "-1", "--format=%p"])).toContain(" ");
    // The merge commit names the branch it brought in, as git's own would, not a sha.
    expect(await git(k.cwd, ["log", "-1", "--format=%s"])).toMatch(/^Merge (remote-tracking )?branch '(origin\/)?main' into \S+$/);
    await commitFile(k.cwd, "base.txt", "session side\n");
    await commitFile(k.repo, "base.txt", "base side\n");
    expect(await k.service.integrate(k.id, { mode: "merge", from: "base" })).toEqual({ status: "conflicts", operation: "merge", conflicts: ["base.txt"] });
    // "Mark resolved" with the markers still in: staged, but continuing would commit them; it is refused, nothing lost.
    const withMarkers = readFileSync(join(k.cwd, "base.txt"), "utf8");
    await k.service.stage(k.id, ["base.txt"]);
    await expect(k.service.continueOperation(k.id)).rejects.toThrow(/These files still have conflict markers: base\.txt \(line 1, 3, 5\)\. Fix them/);
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ operation: "merge" });
    expect(readFileSync(join(k.cwd, "base.txt"), "utf8")).toBe(withMarkers);
    writeFileSync(join(k.cwd, "base.txt"), "both\n");
    await k.service.stage(k.id, ["base.txt"]);
    expect(await k.service.continueOperation(k.id)).toMatchObject({ status: "done" });
    expect(await git(k.cwd, ["log", "-1", "--format=%s"])).toMatch(/^Merge (remote-tracking )?branch '(origin\/)?main' into \S+$/);
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ operation: null, behind: 0 });
  });

  it("shows a merge's continue whose commit-msg hook hangs as a running commit; Cancel stops it, the merge still waits and continues later", async () => {
    await commitFile(k.cwd, "base.txt", "session side\n");
    await commitFile(k.repo, "base.txt", "base side\n");
    await k.service.integrate(k.id, { mode: "merge", from: "base" });
    expect(k.operations.at(-1)).toMatchObject({ kind: "merge", status: "conflicts", message: "The merge stopped on conflicts in 1 file: base.txt" });
    writeFileSync(join(k.cwd, "base.txt"), "both\n");
    await k.service.stage(k.id, ["base.txt"]);
    const hooks = join(await git(k.cwd, ["rev-parse", "--path-format=absolute", "--git-common-dir"]), "hooks");
    const marker = join(hooks, "hook-started");
    mkdirSync(hooks, { recursive: true });
    writeExecutable(join(hooks, "commit-msg"), `#!/bin/sh\ntouch "${marker}"\nsleep 300\n`);
    const continuing = k.service.continueOperation(k.id);
    while (!existsSync(marker)) await Bun.sleep(20);
    expect(k.service.operation(k.id)).toMatchObject({ kind: "commit", status: "running" });
    expect(k.service.cancel(k.id)).toEqual({ isCancelled: true });
    await expect(continuing).rejects.toMatchObject({ code: "cancelled", message: "Continue was stopped (a hook of the repository was still running). The merge still waits: continue it again, or abort it." });
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ operation: "merge" });
    rmSync(join(hooks, "commit-msg"));
    expect(await k.service.continueOperation(k.id)).toMatchObject({ status: "done" });
    expect(k.kit.sessions.get(k.id).git).toMatchObject({ operation: null });
  });

  it("updates 'behind base' live when the base branch moves, without a refresh", async () => {
    expect(k.kit.sessions.get(k.id).git?.behind).toBe(0);
    await commitFile(k.repo, "base.txt", "base\n");
    await k.kit.waitForSession(k.id, (s) => s.git?.behind === 1);
    await git(k.repo, ["pack-refs", "--all"]);
    await commitFile(k.repo, "base2.txt", "more\n");
    await k.kit.waitForSession(k.id, (s) => s.git?.behind === 2);
  });
});
