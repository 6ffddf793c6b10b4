import type { Answer } from "./server.ts";
import type { FakeRepo } from "./fake-repo.ts";

const notFound: Answer = { status: 404, body: { message: "Not Found" } };

/** `/repos/{owner}/{repo}{rest}` of one fake repository. */
export async function routeRepo(repo: FakeRepo, request: Request, url: URL, rest: string): Promise<Answer> {
  const method = request.method;
  if (rest === "" && method === "GET") return { status: 200, body: repo.repoShape() };
  const branch = rest.match(/^\/branches\/(.+)$/);
  if (branch && method === "GET") {
    const name = decodeURIComponent(branch[1] ?? "");
    const sha = await repo.branchSha(name);
    return sha ? { status: 200, body: { name, commit: { sha } } } : { status: 404, body: { message: "Branch not found" } };
  }
  if (rest === "/pulls" && method === "GET") {
    const head = url.searchParams.get("head");
    const state = url.searchParams.get("state") ?? "open";
    const list = repo.pulls.filter((p) => (!head || `${repo.owner}:${p.head.ref}` === head) && (state === "all" || p.state === state));
    // A list holds GitHub's `pull-request-simple`: no mergeability (it is worked out per PR) and no `merged`.
    return { status: 200, body: [...list].reverse().map(({ mergeable: _mergeable, mergeable_state: _state, merged: _merged, ...simple }) => simple) };
  }
  if (rest === "/pulls" && method === "POST") return createPull(repo, (await request.json()) as { title: string; body?: string; head: string; base: string; draft?: boolean });
  const pullPath = rest.match(/^\/pulls\/(\d+)(\/[a-z_-]+)?$/);
  if (pullPath) return routePull(repo, request, Number(pullPath[1]), pullPath[2] ?? "");
  const labels = rest.match(/^\/issues\/(\d+)\/labels$/);
  if (labels && method === "POST") return { status: 200, body: [] };
  const issueComments = rest.match(/^\/issues\/(\d+)\/comments$/);
  if (issueComments && method === "GET") return { status: 200, body: repo.issueComments.get(Number(issueComments[1])) ?? [] };
  const issue = rest.match(/^\/issues\/(\d+)$/);
  if (issue && method === "GET") {
    const found = repo.issues.find((i) => i.number === Number(issue[1]));
    return found ? { status: 200, body: found } : notFound;
  }
  const checks = rest.match(/^\/commits\/([^/]+)\/check-runs$/);
  if (checks && method === "GET") {
    const runs = repo.checkRuns.filter((c) => c.head_sha === checks[1]);
    return { status: 200, body: { total_count: runs.length, check_runs: runs } };
  }
  if (rest === "/actions/runs" && method === "GET") {
    const runs = repo.workflowRuns.filter((r) => r.head_sha === url.searchParams.get("head_sha"));
    return { status: 200, body: { total_count: runs.length, workflow_runs: runs } };
  }
  return routeActions(repo, method, rest);
}

function routeActions(repo: FakeRepo, method: string, rest: string): Answer {
  const job = rest.match(/^\/actions\/jobs\/(\d+)(\/logs)?$/);
  if (job && method === "GET") {
    const id = Number(job[1]);
    if (!repo.jobs.has(id)) return notFound;
    // GitHub answers a redirect to a short-lived log file URL.
    return job[2] ? { status: 302, headers: { location: `${repo.webBase}/_logs/${id}` } } : { status: 200, body: repo.jobs.get(id) };
  }
  const rerun = rest.match(/^\/actions\/runs\/(\d+)\/rerun-failed-jobs$/);
  if (rerun && method === "POST") {
    repo.rerunRequests.push(Number(rerun[1]));
    for (const j of repo.jobs.values()) if (j.run_id === Number(rerun[1]) && j.conclusion === "failure") repo.setCheck(Number(j.id), "queued", null);
    return { status: 201, body: {} };
  }
  return notFound;
}

/** Refuses what GitHub refuses, with its bodies: an unknown head or base, a second open PR, and one with no commits. */
async function createPull(repo: FakeRepo, input: { title: string; body?: string; head: string; base: string; draft?: boolean }): Promise<Answer> {
  if (!(await repo.branchSha(input.head))) return { status: 422, body: { message: "Validation Failed", errors: [{ resource: "PullRequest", field: "head", code: "invalid" }] } };
  if (!(await repo.branchSha(input.base))) return { status: 422, body: { message: "Validation Failed", errors: [{ resource: "PullRequest", field: "base", code: "invalid" }] } };
  if (repo.pulls.some((p) => p.head.ref === input.head && p.state === "open")) {
    return { status: 422, body: { message: "Validation Failed", errors: [{ message: `A pull request already exists for ${repo.owner}:${input.head}.` }] } };
  }
  if ((await repo.commitsBetween(input.base, input.head)) === 0) {
    return { status: 422, body: { message: "Validation Failed", errors: [{ resource: "PullRequest", code: "custom", message: `No commits between ${input.base} and ${input.head}` }] } };
  }
  return { status: 201, body: await repo.openPull({ head: input.head, base: input.base, title: input.title, body: input.body ?? "", draft: input.draft ?? false }) };
}

async function routePull(repo: FakeRepo, request: Request, number: number, sub: string): Promise<Answer> {
  const pull = repo.pulls.find((p) => p.number === number);
  if (!pull) return notFound;
  const method = request.method;
  if (sub === "" && method === "GET") return { status: 200, body: await repo.mergeability.read(pull) };
  if (sub === "" && method === "PATCH") {
    const { base, ...patch } = (await request.json()) as { title?: string; body?: string; state?: "open" | "closed"; base?: string };
    if (base !== undefined) {
      // GitHub moves an open PR onto another base that exists, and answers 422 otherwise.
      const sha = await repo.branchSha(base);
      if (sha === null || pull.state !== "open") return { status: 422, body: { message: "Validation Failed", errors: [{ resource: "PullRequest", field: "base", code: "invalid" }] } };
      pull.base = { ...pull.base, ref: base, sha };
    }
    Object.assign(pull, patch);
    return { status: 200, body: await repo.mergeability.read(pull) };
  }
  if (sub === "/reviews" && method === "GET") return { status: 200, body: repo.reviews.get(number) ?? [] };
  if (sub === "/comments" && method === "GET") return { status: 200, body: repo.reviewComments.get(number) ?? [] };
  if (sub === "/requested_reviewers" && method === "POST") {
    const { reviewers = [] } = (await request.json()) as { reviewers?: string[] };
    // GitHub adds to those already asked (asking a reviewer again is how a review is re-requested).
    const asked = new Set((pull.requested_reviewers ?? []).map((r) => r.login));
    pull.requested_reviewers = [...(pull.requested_reviewers ?? []), ...reviewers.filter((login) => !asked.has(login)).map((login, i) => ({ login, id: 100 + asked.size + i }) as never)];
    return { status: 201, body: pull };
  }
  if (sub === "/update-branch" && method === "PUT") {
    const { expected_head_sha: expected } = (await request.json().catch(() => ({}))) as { expected_head_sha?: string };
    const updated = await repo.updateBranch(pull, expected);
    if (!updated.ok) return { status: 422, body: { message: updated.message, documentation_url: "https://docs.github.com/rest/pulls/pulls#update-a-pull-request-branch" } };
    return { status: 202, body: { message: "Updating pull request branch.", url: `${repo.webBase}/${repo.fullName}/pull/${number}` } };
  }
  if (sub === "/merge" && method === "PUT") {
    const { sha } = (await request.json().catch(() => ({}))) as { sha?: string };
    if (sha && sha !== pull.head.sha) return { status: 409, body: { message: "Head branch was modified. Review and try the merge again." } };
    // Merging tries the merge: GitHub knows the PR's mergeability afterwards, whatever it answers.
    await repo.mergeability.workOut(pull);
    if (repo.mergeBlockedBy) return { status: 405, body: { message: repo.mergeBlockedBy } };
    const blockedBy = repo.mergeability.blockedBy(pull);
    if (blockedBy) return { status: 405, body: { message: blockedBy } };
    if (await repo.mergeability.isBehindUnderStrictProtection(pull)) return { status: 405, body: { message: "Head branch is not up to date with the base branch." } };
    if (pull.state !== "open" || pull.draft || (await repo.mergeability.isConflicting(pull))) return { status: 405, body: { message: "Pull Request is not mergeable" } };
    repo.markMerged(number);
    return { status: 200, body: { sha: pull.head.sha, merged: true, message: "Pull Request successfully merged" } };
  }
  return notFound;
}
