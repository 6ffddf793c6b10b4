import { Hono } from "hono";
import { z } from "zod";
import { GitCommitInput, GitCommitParam, GitDiffQuery, GitHunkInput, GitIntegrateInput, GitLogQuery, GitPathsInput, GitPushInput, GitStashApplyInput, GitStashInput, GitStashParam } from "../../../shared/api/git.ts";
import { SessionId } from "../../../shared/ids.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

const SessionParam = z.object({ id: SessionId });

/** Git actions on a session's work tree: index, commit, push, rebase/merge with conflicts, progress and cancel. */
export function gitRoutes(services: HttpServices) {
  const git = services.sourceControl;
  const param = validate("param", SessionParam);
  return new Hono()
    .get("/sessions/:id/git/changes", param, async (c) => c.json(await git.changes(c.req.valid("param").id)))
    .get("/sessions/:id/git/diff", param, validate("query", GitDiffQuery), async (c) => {
      const { path, oldPath, staged } = c.req.valid("query");
      return c.json({ diff: await git.fileDiff(c.req.valid("param").id, path, staged === "true", oldPath ?? null) });
    })
    .get("/sessions/:id/git/operation", param, (c) => c.json({ operation: git.operation(c.req.valid("param").id) }))
    .post("/sessions/:id/git/stage", param, validate("json", GitPathsInput), async (c) => {
      await git.stage(c.req.valid("param").id, c.req.valid("json").paths);
      return c.json({ ok: true });
    })
    .post("/sessions/:id/git/unstage", param, validate("json", GitPathsInput), async (c) => {
      await git.unstage(c.req.valid("param").id, c.req.valid("json").paths);
      return c.json({ ok: true });
    })
    .post("/sessions/:id/git/stage-all", param, async (c) => {
      await git.stageAll(c.req.valid("param").id);
      return c.json({ ok: true });
    })
    .post("/sessions/:id/git/unstage-all", param, async (c) => {
      await git.unstageAll(c.req.valid("param").id);
      return c.json({ ok: true });
    })
    .post("/sessions/:id/git/discard", param, validate("json", GitPathsInput), async (c) => {
      await git.discard(c.req.valid("param").id, c.req.valid("json").paths);
      return c.json({ ok: true });
    })
    .post("/sessions/:id/git/hunk", param, validate("json", GitHunkInput), async (c) => {
      await git.hunk(c.req.valid("param").id, c.req.valid("json"));
      return c.json({ ok: true });
    })
    .get("/sessions/:id/git/stashes", param, async (c) => c.json({ stashes: await git.stashes(c.req.valid("param").id) }))
    .post("/sessions/:id/git/stashes", param, validate("json", GitStashInput), async (c) => c.json({ stash: await git.stash(c.req.valid("param").id, c.req.valid("json")) }))
    .get("/sessions/:id/git/stashes/:sha", validate("param", GitStashParam), async (c) => {
      const { id, sha } = c.req.valid("param");
      return c.json({ stash: await git.stashDetail(id, sha) });
    })
    .post("/sessions/:id/git/stashes/:sha/apply", validate("param", GitStashParam), validate("json", GitStashApplyInput), async (c) => {
      const { id, sha } = c.req.valid("param");
      await git.applyStash(id, sha, c.req.valid("json").pop);
      return c.json({ ok: true });
    })
    .delete("/sessions/:id/git/stashes/:sha", validate("param", GitStashParam), async (c) => {
      const { id, sha } = c.req.valid("param");
      await git.dropStash(id, sha);
      return c.json({ ok: true });
    })
    .post("/sessions/:id/git/draft-message", param, async (c) => c.json({ message: await git.draftMessage(c.req.valid("param").id) }))
    .get("/sessions/:id/git/log", param, validate("query", GitLogQuery), async (c) => c.json(await git.history(c.req.valid("param").id, c.req.valid("query").limit)))
    .get("/sessions/:id/git/commits/:sha", validate("param", GitCommitParam), async (c) => {
      const { id, sha } = c.req.valid("param");
      return c.json({ commit: await git.commitDetail(id, sha) });
    })
    .get("/sessions/:id/git/last-message", param, async (c) => c.json({ message: await git.lastMessage(c.req.valid("param").id) }))
    .post("/sessions/:id/git/commit", param, validate("json", GitCommitInput), async (c) => c.json(await git.commit(c.req.valid("param").id, c.req.valid("json"))))
    .post("/sessions/:id/git/push", param, validate("json", GitPushInput), async (c) => c.json(await git.push(c.req.valid("param").id, c.req.valid("json"))))
    .post("/sessions/:id/git/integrate", param, validate("json", GitIntegrateInput), async (c) => c.json({ result: await git.integrate(c.req.valid("param").id, c.req.valid("json")) }))
    .post("/sessions/:id/git/continue", param, async (c) => c.json({ result: await git.continueOperation(c.req.valid("param").id) }))
    .post("/sessions/:id/git/abort", param, async (c) => {
      await git.abortOperation(c.req.valid("param").id);
      return c.json({ ok: true });
    })
    .post("/sessions/:id/git/cancel", param, (c) => c.json(git.cancel(c.req.valid("param").id)));
}
