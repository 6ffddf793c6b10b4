import { Hono } from "hono";
import { z } from "zod";
import {
  ChangeBaseBranchInput,
  ConnectGithubInput,
  CreatePullRequestInput,
  JobLogQuery,
  MergePullRequestInput,
  StartFromGithubInput,
  UpdatePullRequestInput,
  WorkspaceIntegrationInput,
} from "../../../shared/api/integrations.ts";
import { SessionId, WorkspaceId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Integrations } from "../../core/integrations/compose-integrations.ts";
import { validate } from "../validate.ts";

const SessionParam = z.object({ id: SessionId });
const JobParam = z.object({ id: SessionId, jobId: z.coerce.number().int().positive() });

/** GitHub: the connection, a session's pull request and its CI, start from GitHub, per-workspace settings. */
export function githubRoutes(integrations: Integrations) {
  const { github, pullRequests, ci, feedback } = integrations;
  return new Hono()
    .get("/integrations/github", async (c) => c.json({ connection: await github.refresh() }))
    .put("/integrations/github", validate("json", ConnectGithubInput), async (c) => c.json({ connection: await github.connect(c.req.valid("json")) }))
    .delete("/integrations/github", (c) => c.json({ connection: github.disconnect() }))
    .get("/pull-requests", (c) => c.json({ pullRequests: pullRequests.listOpen() }))
    .get("/sessions/:id/pull-request", validate("param", SessionParam), async (c) => {
      const { id } = c.req.valid("param");
      // Git first, then the store: a PR stored while git answers (a Create that pushed) is in this answer, not a
      // "none" read before it that lands after the PR's own frame (ADR 0267).
      const remote = await pullRequests.remote(id);
      return c.json({ pullRequest: pullRequests.get(id), problem: integrations.poller.problem(id), worktree: integrations.worktrees.get(id), remote });
    })
    .post("/sessions/:id/pull-request/pull-branch", validate("param", SessionParam), async (c) => {
      const { id } = c.req.valid("param");
      const pr = pullRequests.get(id);
      if (!pr) throw new AppError("not_found", "This session has no pull request.");
      return c.json({ worktree: await integrations.worktrees.pull(pr) });
    })
    .post("/sessions/:id/pull-request/refresh", validate("param", SessionParam), async (c) =>
      c.json({ pullRequest: await pullRequests.refresh(c.req.valid("param").id) }),
    )
    .get("/sessions/:id/pull-request/defaults", validate("param", SessionParam), async (c) => c.json({ defaults: await pullRequests.defaults(c.req.valid("param").id) }))
    .post("/sessions/:id/pull-request/draft", validate("param", SessionParam), async (c) => c.json({ draft: await pullRequests.draft(c.req.valid("param").id) }))
    .post("/sessions/:id/pull-request", validate("param", SessionParam), validate("json", CreatePullRequestInput), async (c) =>
      c.json({ pullRequest: await pullRequests.create(c.req.valid("param").id, c.req.valid("json")) }, 201),
    )
    .patch("/sessions/:id/pull-request", validate("param", SessionParam), validate("json", UpdatePullRequestInput), async (c) =>
      c.json({ pullRequest: await pullRequests.update(c.req.valid("param").id, c.req.valid("json")) }),
    )
    .put("/sessions/:id/base-branch", validate("param", SessionParam), validate("json", ChangeBaseBranchInput), async (c) =>
      c.json(await pullRequests.changeBase(c.req.valid("param").id, c.req.valid("json").baseBranch, { isHereOnly: c.req.valid("json").isHereOnly })),
    )
    .post("/sessions/:id/pull-request/ready", validate("param", SessionParam), async (c) => c.json({ pullRequest: await pullRequests.markReady(c.req.valid("param").id) }))
    .post("/sessions/:id/pull-request/merge", validate("param", SessionParam), validate("json", MergePullRequestInput), async (c) =>
      c.json({ pullRequest: await pullRequests.merge(c.req.valid("param").id, c.req.valid("json")) }),
    )
    .post("/sessions/:id/pull-request/update-branch", validate("param", SessionParam), async (c) =>
      c.json({ pullRequest: await pullRequests.updateBranch(c.req.valid("param").id) }),
    )
    .post("/sessions/:id/pull-request/merge-base/send-to-claude", validate("param", SessionParam), async (c) => c.json(await feedback.askToMergeBase(c.req.valid("param").id)))
    .post("/sessions/:id/pull-request/close", validate("param", SessionParam), async (c) => c.json({ pullRequest: await pullRequests.close(c.req.valid("param").id) }))
    .post("/sessions/:id/pull-request/review/send-to-claude", validate("param", SessionParam), async (c) => c.json(await feedback.sendToClaude(c.req.valid("param").id)))
    .post("/sessions/:id/pull-request/review/request-again", validate("param", SessionParam), async (c) =>
      c.json({ pullRequest: await feedback.requestReviewAgain(c.req.valid("param").id) }),
    )
    .get("/sessions/:id/pull-request/jobs/:jobId/log", validate("param", JobParam), validate("query", JobLogQuery), async (c) => {
      const { id, jobId } = c.req.valid("param");
      const { fromLine, limit } = c.req.valid("query");
      return c.json({ log: await ci.jobLog(id, jobId, fromLine, limit) });
    })
    .post("/sessions/:id/pull-request/jobs/:jobId/send-to-claude", validate("param", JobParam), async (c) => {
      const { id, jobId } = c.req.valid("param");
      return c.json(await ci.sendFailureToClaude(id, jobId));
    })
    .post("/sessions/:id/pull-request/jobs/:jobId/rerun", validate("param", JobParam), async (c) => {
      const { id, jobId } = c.req.valid("param");
      await ci.rerunFailed(id, jobId);
      return c.json({ ok: true as const });
    })
    .post("/integrations/github/start", validate("json", StartFromGithubInput), async (c) => c.json(await integrations.startFromGithub.start(c.req.valid("json")), 201))
    .get("/workspaces/:id/github/issues", validate("param", z.object({ id: WorkspaceId })), validate("query", z.object({ q: z.string().max(200).default("") })), async (c) =>
      c.json({ issues: await integrations.searchIssues(c.req.valid("param").id, c.req.valid("query").q) }),
    )
    .get("/workspaces/:id/integrations", validate("param", z.object({ id: WorkspaceId })), (c) =>
      c.json({ settings: integrations.workspaceSettings.get(c.req.valid("param").id) }),
    )
    .put("/workspaces/:id/integrations", validate("param", z.object({ id: WorkspaceId })), validate("json", WorkspaceIntegrationInput), (c) =>
      c.json({ settings: integrations.workspaceSettings.set(c.req.valid("param").id, c.req.valid("json")) }),
    );
}
