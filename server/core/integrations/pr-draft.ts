import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Session } from "../../../shared/protocol/model.ts";
import { diffAgainstBase, refExists, runGit } from "../../git/index.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";

/** Tells the fake API in tests (and a human reading logs) that this one-shot call drafts a pull request. */
export const PR_MARKER = "[chatml:pr]";
const TEMPLATE_PATHS = [".github/pull_request_template.md", ".github/PULL_REQUEST_TEMPLATE.md", "pull_request_template.md", "docs/pull_request_template.md"];
const MAX_DIFF_CHARS = 40_000;

/** A drafted title and description, editable before the PR is created. */
export type PullRequestDraft = { title: string; body: string; base: string };

/** The repository's pull request template, if it has one. */
export function readTemplate(cwd: string): string | null {
  for (const path of TEMPLATE_PATHS) {
    const full = join(cwd, path);
    if (existsSync(full)) return readFileSync(full, "utf8");
  }
  return null;
}

/** Drafts a PR title and description from the session's commits and diff with one CLI call, following the template. */
export async function draftPullRequest(oneShot: OneShot, session: Session, base: string): Promise<PullRequestDraft> {
  const commits = await runGit(session.cwd, ["log", "--format=- %s%n%w(0,2,2)%b", `${base}..HEAD`]);
  const { stat, diff, isTruncated } = await diffAgainstBase(session.cwd, base, MAX_DIFF_CHARS);
  const template = readTemplate(session.cwd);
  const prompt = [
    `${PR_MARKER} Write a GitHub pull request for these changes. Answer with the title on the first line, a blank line, then the description in Markdown. No preamble.`,
    template ? `Fill in the repository's pull request template, keeping its headings:\n<template>\n${template.trim()}\n</template>` : "Describe what changed and why, and how it was tested.",
    `Branch ${session.branch ?? "?"} into ${base}. Commits:\n<commits>\n${commits.stdout.trim() || "(none)"}\n</commits>`,
    `Changes:\n<stat>\n${stat}\n</stat>\n<diff>\n${diff}${isTruncated ? "\n… (diff cut)" : ""}\n</diff>`,
  ].join("\n\n");
  const answer = (await oneShot(prompt, { cwd: session.cwd, foreground: true })).trim();
  const [first = "", ...rest] = answer.split("\n");
  const title = first.replace(/^#+\s*/, "").replace(/^title:\s*/i, "").trim().slice(0, 256) || session.title || session.name;
  return { title, body: rest.join("\n").trim(), base };
}

/**
 * What the create form starts with, before anyone drafts, as GitHub fills its own form: a branch of a single commit
 * gives that commit's subject and body; more commits (or none readable) give the session's title or name and no
 * description. Counted against GitHub's copy of the base where this worktree has one, else the local branch.
 */
export async function commitDefaults(session: Session, base: string): Promise<PullRequestDraft> {
  const baseRef = (await refExists(session.cwd, `refs/remotes/origin/${base}`)) ? `origin/${base}` : base;
  const log = await runGit(session.cwd, ["log", "--format=%s%x00%b%x1e", `${baseRef}..HEAD`]);
  const commits = log.code === 0 ? log.stdout.split("\x1e").map((entry) => entry.trim()).filter(Boolean) : [];
  if (commits.length !== 1) return { title: session.title ?? session.name, body: "", base };
  const [subject = "", body = ""] = (commits[0] ?? "").split("\0");
  return { title: subject.trim().slice(0, 256) || (session.title ?? session.name), body: body.trim(), base };
}
