import { Database } from "bun:sqlite";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Session } from "../shared/protocol/model.ts";
import { git } from "../server/git/index.ts";
import { cliBinPath, startChatml } from "./harness/index.ts";
import { screenshotOnFailure } from "./harness/failure-context.ts";
import { ChatmlClient } from "./support/chatml-client.ts";
import { pollUntil } from "./support/poll-until.ts";
import { repoStack, SHOTS } from "./support/repo-stack.ts";
import { SCREEN_SIZES, SignedInDevices } from "./support/signed-in-page.ts";

/**
 * ChatML stopped while `git worktree add` made two sessions' checkouts (the worktree step running, the checkout half
 * written); after the restart each session's setup says it failed, and its panel offers Delete, whose plain delete
 * removes what the crash left (it holds nothing of the user's). At 390 px and a desktop.
 */
describe("a session whose setup a crash cut short, after the restart", () => {
  const sessions: Session[] = [];
  const stack = repoStack("chatml-setup-cut-short", async (started) => {
    const { workspace } = await started.client.api<{ workspace: { id: string } }>("/api/workspaces", { body: { path: started.repo } });
    for (const _ of SCREEN_SIZES) {
      const { session } = await started.client.api<{ session: Session }>("/api/sessions", { body: { workspaceId: workspace.id } });
      sessions.push(await pollUntil(async () => (await started.client.api<{ session: Session }>(`/api/sessions/${session.id}`)).session, (s) => s.setup?.status === "ready", "the session's setup"));
    }
    started.client.disconnect();
    await started.server.stop();
    // As a crash during the checkout leaves them: the worktree step running, no index yet, a file not written yet.
    const db = new Database(join(started.dataDir, "chatml.db"));
    for (const session of sessions) {
      const steps = session.setup!.steps.map((step) => ({ ...step, status: step.name === "fetch" ? "done" : step.name === "worktree" ? "running" : "pending", detail: null }));
      db.run("UPDATE sessions SET setup = ? WHERE id = ?", [JSON.stringify({ ...session.setup, status: "running", steps, error: null }), session.id]);
      rmSync(await git(session.cwd, ["rev-parse", "--path-format=absolute", "--git-path", "index"]));
      rmSync(join(session.cwd, "README.md"));
    }
    db.close();
    started.server = await startChatml({ dataDir: started.dataDir, claudeBin: cliBinPath("2.1.330"), env: started.env, port: started.server.port });
    started.client = new ChatmlClient({ url: started.server.origin, token: started.server.token });
  });
  let devices: SignedInDevices | null = null;
  afterEach(async () => devices?.closePages());
  afterAll(async () => devices?.close());

  it.each(SCREEN_SIZES)("says the setup failed and deletes the session from its panel (%s)", async (size) => {
    const session = sessions[SCREEN_SIZES.findIndex(([name]) => name === size)]!;
    devices ??= new SignedInDevices(stack.browser, stack.server);
    const page = await devices.open(size, `#/s/${session.id}`);
    await screenshotOnFailure(page, join(SHOTS, `setup-cut-short-${size}-failure.png`), async () => {
      const setup = page.getByRole("region", { name: "Setup" });
      await setup.getByRole("heading", { name: "Setup failed" }).waitFor();
      await setup.getByText("ChatML stopped during setup.").waitFor();
      await setup.getByText("This session has no usable worktree: delete it, then start a new session.").waitFor();
      await page.screenshot({ path: join(SHOTS, `setup-cut-short-${size}.png`) });
      await setup.getByRole("button", { name: "Delete session…" }).click();
      await page.getByRole("dialog", { name: /^Delete the session/ }).getByRole("button", { name: "Delete session", exact: true }).click();
      await page.getByText(`Deleted “${session.name}”`, { exact: false }).waitFor();
      expect((await stack.client.api<{ sessions: { id: string }[] }>("/api/sessions")).sessions.some((s) => s.id === session.id)).toBe(false);
      expect(await git(stack.repo, ["worktree", "list"])).not.toContain(session.cwd);
      expect(existsSync(session.cwd)).toBe(false);
    });
  });
});
