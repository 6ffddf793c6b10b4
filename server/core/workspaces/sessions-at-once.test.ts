import { describe, expect, it, vi } from "vitest";
import { branchExists } from "../../git/index.ts";
import { makeTempRepo } from "../../git/test-support.ts";
import { makeWorkspaceKit } from "./workspace-test-kit.ts";

// Jobs and double taps create sessions in one repository at once: each must come up ready, on a name of its own.
describe("sessions created at once", () => {
  it("gives two sessions created at once from the pool's same pick two names (the second picks again)", async () => {
    const small = makeWorkspaceKit({ pool: ["lyra", "vela"], random: () => 0 });
    try {
      const ws = await small.workspaces.createWorkspace({ path: await makeTempRepo() });
      const made = await Promise.all([1, 2].map(() => small.sessions.create({ workspaceId: ws.id })));
      await Promise.all(made.map(({ session }) => small.sessions.whenReady(session.id)));
      expect(new Set(made.map(({ session }) => session.name)).size).toBe(2);
      expect(made.map(({ session }) => small.sessions.get(session.id).setup?.status)).toEqual(["ready", "ready"]);
    } finally {
      small.close();
    }
  });

  it("gives six sessions created at once from the pool's same pick six names, all ready", async () => {
    const pool = ["lyra", "vela", "orion", "draco", "lupus", "pavo"];
    const small = makeWorkspaceKit({ pool, random: () => 0 });
    try {
      const ws = await small.workspaces.createWorkspace({ path: await makeTempRepo() });
      const made = await Promise.all(pool.map(() => small.sessions.create({ workspaceId: ws.id })));
      await Promise.all(made.map(({ session }) => small.sessions.whenReady(session.id)));
      expect(made.map(({ session }) => session.name).sort()).toEqual([...pool].sort());
      expect(made.map(({ session }) => small.sessions.get(session.id).setup?.status)).toEqual(pool.map(() => "ready"));
    } finally {
      small.close();
    }
    // Six worktrees one after another (the repository lock) and up to six plans each: ~3 s here, several times that at load 15.
  }, 40_000);

  // On a loaded machine one creation can still be checking its pick while the other is stored and adds its worktree:
  // the branch then exists by the last check, and the slower one was refused ("pick another name", a name nobody chose).
  it("gives the slower of two sessions created at once a new name when the other made its picked branch meanwhile", async () => {
    let repoPath = "";
    let picks = 0;
    // The first pick waits here until the other creation has made the branch: that interleaving, every time.
    const afterPick = async (name: string) => {
      if (picks++ > 0) return;
      await vi.waitFor(async () => expect(await branchExists(repoPath, name)).toBe(true), { timeout: 15_000, interval: 20 });
    };
    const small = makeWorkspaceKit({ pool: ["lyra", "vela"], random: () => 0, afterPick });
    try {
      repoPath = await makeTempRepo();
      const ws = await small.workspaces.createWorkspace({ path: repoPath });
      const made = await Promise.all([1, 2].map(() => small.sessions.create({ workspaceId: ws.id })));
      await Promise.all(made.map(({ session }) => small.sessions.whenReady(session.id)));
      expect(made.map(({ session }) => session.name).sort()).toEqual(["lyra", "vela"]);
      expect(made.map(({ session }) => small.sessions.get(session.id).setup?.status)).toEqual(["ready", "ready"]);
    } finally {
      small.close();
    }
  });
});
