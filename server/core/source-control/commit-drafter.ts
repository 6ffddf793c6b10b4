import { AppError } from "../../../shared/protocol/errors.ts";
import { diffForMessage } from "../../git/index.ts";
import type { OneShot } from "../one-shots/one-shot-cli.ts";

/** Tells the fake API in tests (and a human reading logs) what kind of one-shot request this is. */
export const COMMIT_MESSAGE_MARKER = "[chatml:commit-message]";
/** A small, fast model is enough to summarize a diff. */
export const DRAFT_MODEL = "haiku";
const MAX_DIFF_CHARS = 24_000;

/**
 * Drafts a commit message from what is staged (or from every uncommitted change when nothing is) with one one-shot
 * CLI call; the user edits it before committing.
 */
export async function draftCommitMessage(oneShot: OneShot, cwd: string): Promise<string> {
  const { stat, diff } = await diffForMessage(cwd, MAX_DIFF_CHARS);
  if (!diff.trim()) throw new AppError("bad_request", "There are no changes to describe.");
  const answer = await oneShot(commitPrompt(stat, diff), { cwd, model: DRAFT_MODEL, foreground: true });
  const message = cleanMessage(answer);
  if (!message) throw new AppError("cli_unavailable", "Claude answered an empty commit message; write one yourself.");
  return message;
}

function commitPrompt(stat: string, diff: string): string {
  return `${COMMIT_MESSAGE_MARKER} Write a git commit message for this diff: a subject line of at most 72 characters in the imperative mood, then a blank line and a short body only if it helps. Answer with the message only.\n\n<stat>\n${stat}\n</stat>\n<diff>\n${diff}\n</diff>`;
}

/** Drops a code fence or quotes the model may wrap the message in. */
export function cleanMessage(text: string): string {
  return text
    .trim()
    .replace(/^```[a-z]*\n?|\n?```$/g, "")
    .trim()
    .replace(/^["']|["']$/g, "")
    .trim();
}
