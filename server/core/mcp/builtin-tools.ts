import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { lazySchema } from "../../../shared/lazy-schema.ts";
import type { ConversationId, SessionId } from "../../../shared/ids.ts";
import type { ReviewComment } from "../../../shared/api/workbench.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { Session, Workspace } from "../../../shared/protocol/model.ts";
import { runGit } from "../../git/git.ts";
import { topGitDirOf } from "../../git/repo.ts";

/** The largest diff the model gets in one answer; the stat above it names every file. */
const MAX_DIFF_CHARS = 40_000;

export type BuiltinToolDeps = {
  sessionOf(conversationId: ConversationId): Session;
  workspaceOf(session: Session): Workspace | null;
  /** The workbench's review comments; they may wait for the workbench, composed after the server listens (ADR 0189). */
  reviews: { list(sessionId: SessionId): ReviewComment[] | Promise<ReviewComment[]>; update(id: string, patch: { isResolved: boolean }): ReviewComment | Promise<ReviewComment> };
  /** Tells the user: a notice in the conversation and a push to their devices. */
  notify(conversationId: ConversationId, title: string, body: string | null): Promise<void>;
  /** Runs the workspace's setup script again in the session's worktree (the Setup panel's runner) and waits for it. */
  rerunSetup(sessionId: SessionId): Promise<Session>;
  permissionModeOf(conversationId: ConversationId): string | null;
};

// Built on first use, so that a start loads no zod (ADR 0183).
const NotifyInput = lazySchema(() => z.object({ title: z.string().trim().min(1).max(120), body: z.string().trim().max(500).optional() }));
const ResolveInput = lazySchema(() => z.object({ id: z.string().min(1).max(100) }));
const CommentsInput = lazySchema(() => z.object({ includeResolved: z.boolean().optional() }));
const RunScriptInput = lazySchema(() => z.object({ script: z.literal("setup").default("setup") }));
const NoInput = lazySchema(() => z.object({}));
/** The most script output the model gets (the tail: where errors are). */
const MAX_SCRIPT_OUTPUT = 8_000;

type ToolCall = { deps: BuiltinToolDeps; conversationId: ConversationId; session: Session };
/** One tool: what the model sees (name, description, input schema) and what ChatML does when it is called. */
type BuiltinTool<Input extends z.ZodObject> = {
  name: string;
  description: string;
  input: Input;
  run(call: ToolCall, input: z.output<Input>): string | Promise<string>;
};
const tool = <Input extends z.ZodObject>(definition: BuiltinTool<Input>): BuiltinTool<Input> => definition;

/** The built-in server's tools; the endpoint offers them to the model, and `BuiltinMcpTools.call` runs them. */
export const BUILTIN_TOOLS: readonly BuiltinTool<z.ZodObject>[] = [
  tool({
    name: "session_status",
    description: "The session's git state: branch, base branch, changed files and the diff against the base branch (capped).",
    input: NoInput,
    run: ({ session }) => sessionStatus(session),
  }),
  tool({
    name: "review_comments",
    description: "The user's open review comments on this session's changes (file, lines, text, id). Resolve one with resolve_review_comment once addressed.",
    input: CommentsInput,
    run: ({ deps, session }, { includeResolved }) => reviewComments(deps, session, includeResolved ?? false),
  }),
  tool({
    name: "resolve_review_comment",
    description: "Marks one review comment as resolved (after you addressed it).",
    input: ResolveInput,
    run: ({ deps, session }, { id }) => resolveComment(deps, session, id),
  }),
  tool({
    name: "list_scripts",
    description: "The workspace's scripts: its setup script and the package.json scripts of the session's folder, with the command that runs each.",
    input: NoInput,
    run: ({ deps, session }) => listScripts(deps, session),
  }),
  tool({
    name: "run_script",
    description: "Runs the workspace's setup script again in this session's worktree (as ChatML does for a new worktree) and answers its exit code and output. The user sees it run in the session's Setup panel.",
    input: RunScriptInput,
    run: (call) => runSetup(call),
  }),
  tool({
    name: "notify_user",
    description: "Notifies the user (in the conversation and as a push notification on their devices), e.g. when long work is done or you need them.",
    input: NotifyInput,
    run: async ({ deps, conversationId }, { title, body }) => {
      await deps.notify(conversationId, title, body ?? null);
      return "The user was notified.";
    },
  }),
];

/** Runs the built-in MCP server's tools for a conversation; each answers text for the model. */
export class BuiltinMcpTools {
  constructor(private readonly deps: BuiltinToolDeps) {}

  /** The endpoint's SDK validated the input already; it is validated again here, where the tool runs. */
  async call(conversationId: ConversationId, name: string, input: unknown): Promise<string> {
    const builtin = BUILTIN_TOOLS.find((t) => t.name === name);
    if (!builtin) throw new AppError("not_found", `ChatML has no tool ${name}.`);
    const session = this.deps.sessionOf(conversationId);
    return builtin.run({ deps: this.deps, conversationId, session }, parse(builtin.input, input));
  }
}

async function sessionStatus(session: Session): Promise<string> {
  // A folder inside some other repository is a plain folder, as everywhere in ChatML (ADR 0065): not that repository.
  if (!(await topGitDirOf(session.cwd))) return "This session's folder is not a git repository (ChatML treats a folder inside another repository as a plain folder).";
  const status = await runGit(session.cwd, ["status", "--short", "--branch"]);
  if (status.code !== 0) return `This session's folder is not a git repository (${status.stderr.trim()}).`;
  const base = session.baseSha ?? session.baseBranch;
  const lines = [`Branch and working tree:\n${status.stdout.trim() || "(clean)"}`];
  if (!base) return [...lines, "No base branch is recorded for this session."].join("\n\n");
  const stat = await runGit(session.cwd, ["diff", "--stat", base]);
  const diff = await runGit(session.cwd, ["diff", base]);
  const text = diff.stdout.length > MAX_DIFF_CHARS ? `${diff.stdout.slice(0, MAX_DIFF_CHARS)}\n… (diff cut at ${MAX_DIFF_CHARS} characters)` : diff.stdout;
  lines.push(`Changes against the base ${session.baseBranch ?? base}:\n${stat.stdout.trim() || "(none)"}`);
  if (text.trim()) lines.push(`Diff:\n${text}`);
  return lines.join("\n\n");
}

async function reviewComments(deps: BuiltinToolDeps, session: Session, includeResolved: boolean): Promise<string> {
  const comments = (await deps.reviews.list(session.id)).filter((c) => includeResolved || !c.isResolved);
  if (comments.length === 0) return includeResolved ? "There are no review comments." : "There are no open review comments.";
  const lines = comments.map((c) => {
    const where = c.startLine === c.endLine ? `${c.path}:${c.startLine}` : `${c.path}:${c.startLine}-${c.endLine}`;
    const flags = [c.isResolved ? "resolved" : "open", c.isOutdated ? "outdated" : null, c.side === "old" ? "old side" : null, c.replyTo ? `reply to ${c.replyTo}` : null].filter(Boolean).join(", ");
    return `- [${c.id}] ${where} (${flags})\n  ${c.body.replace(/\n/g, "\n  ")}`;
  });
  return `${comments.length} review comment${comments.length === 1 ? "" : "s"}:\n${lines.join("\n")}`;
}

async function resolveComment(deps: BuiltinToolDeps, session: Session, id: string): Promise<string> {
  const comment = (await deps.reviews.list(session.id)).find((c) => c.id === id);
  if (!comment) throw new AppError("not_found", `No review comment ${id} in this session.`);
  if (comment.isResolved) return `Comment ${id} was already resolved.`;
  await deps.reviews.update(id, { isResolved: true });
  return `Resolved comment ${id} on ${comment.path}.`;
}

/**
 * The CLI asked the user before this call like before any tool of an MCP server (unless they chose to skip
 * permissions); plan mode plans and runs nothing. Output goes to the session's Setup panel as it comes, too.
 */
async function runSetup({ deps, conversationId, session }: ToolCall): Promise<string> {
  if (deps.permissionModeOf(conversationId) === "plan") throw new AppError("bad_request", "Scripts do not run in plan mode; present the plan and run it once the user approves.");
  const after = (await deps.rerunSetup(session.id)).setup;
  const step = after?.steps.find((s) => s.name === "setup");
  const log = after?.log ?? "";
  const output = log.length > MAX_SCRIPT_OUTPUT ? `… (first ${log.length - MAX_SCRIPT_OUTPUT} characters cut)\n${log.slice(-MAX_SCRIPT_OUTPUT)}` : log;
  const outcome = step?.status === "done" ? "The setup script succeeded (exit code 0)." : `The setup script failed (${step?.detail ?? "no exit code"}).`;
  return `${outcome}\n\nOutput:\n${output.trim() || "(none)"}`;
}

function listScripts(deps: BuiltinToolDeps, session: Session): string {
  const workspace = deps.workspaceOf(session);
  const lines: string[] = [];
  if (workspace?.setupScript) lines.push(`Setup script (bash, run in every new worktree; run it again with run_script):\n${workspace.setupScript}`);
  const packageScripts = readPackageScripts(session.cwd);
  if (packageScripts.length > 0) {
    const runner = existsSync(join(session.cwd, "bun.lock")) || existsSync(join(session.cwd, "bun.lockb")) ? "bun run" : "npm run";
    lines.push(`package.json scripts (run with \`${runner} <name>\`):\n${packageScripts.map(([name, command]) => `- ${name}: ${command}`).join("\n")}`);
  }
  return lines.length > 0 ? lines.join("\n\n") : "This workspace has no setup script and no package.json scripts.";
}

function readPackageScripts(cwd: string): [string, string][] {
  const path = join(cwd, "package.json");
  if (!existsSync(path)) return [];
  try {
    const scripts = (JSON.parse(readFileSync(path, "utf8")) as { scripts?: unknown }).scripts;
    if (typeof scripts !== "object" || scripts === null) return [];
    return Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  } catch (error) {
    console.warn(`[mcp] could not read ${path}:`, error);
    return [];
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("bad_request", `Invalid input: ${parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
