import { AUTO_ID_PREFIX } from "./conversation.ts";
import type { Conversation } from "./conversation.ts";
import type { FakeBlock, FakeReply } from "./types.ts";

/** A scripted model: given the conversation so far, the next reply. */
export type Script = (c: Conversation) => FakeReply;

/** Tool output quoted back by final texts, without the CLI's system reminders and capped in size. */
export function quote(result: string): string {
  const clean = result.replace(/<system-reminder>[\s\S]*?<\/system-reminder>/g, "").trim();
  return clean.length > 2000 ? `${clean.slice(0, 2000)}…` : clean;
}

/** A plain text reply. */
export function say(text: string, chunkDelayMs = 0): FakeReply {
  return { kind: "message", blocks: [{ type: "text", text }], chunkDelayMs };
}

/** A reply calling `name`; on 2.1.330 a deferred tool is first loaded with an automatic ToolSearch round. */
export function callTool(c: Conversation, name: string, input: Record<string, unknown>, lead?: string): FakeReply {
  if (c.needsToolSearch(name)) {
    const search: FakeBlock = { type: "tool_use", name: "ToolSearch", input: { query: `select:${name}`, max_results: 5 }, idPrefix: AUTO_ID_PREFIX };
    return { kind: "message", blocks: [search] };
  }
  const blocks: FakeBlock[] = lead ? [{ type: "text", text: lead }] : [];
  return { kind: "message", blocks: [...blocks, { type: "tool_use", name, input }] };
}

/** Absolute path of `name` in the CLI's working directory (relative if the request did not say). */
export function inCwd(c: Conversation, name: string): string {
  return c.cwd ? `${c.cwd.replace(/\/$/, "")}/${name}` : name;
}

/** The command @@ticks runs. */
export const TICKS_COMMAND = "for i in $(seq 1 150); do echo tick-$i >> ticks.txt; sleep 0.2; done; echo ticked";

/** The command @@bgbash starts in the background: a line to bg-ticks.txt every 0.2 s for ~2 minutes. */
export const BG_COMMAND = "for i in $(seq 1 600); do echo bg-$i >> bg-ticks.txt; sleep 0.2; done; echo bg-finished";

/** Shared file content of the write/edit scripts. */
export const HELLO_CONTENT = "hello from chatml\n";
/** Plan text written by @@plan. */
export const PLAN_CONTENT = "# Plan\n1. Create hello.txt\n2. Say done\n";
/** The single question @@ask asks. */
export const ASK_QUESTION = "Which color do you prefer?";

const askInput = {
  questions: [
    {
      question: ASK_QUESTION,
      header: "Color",
      multiSelect: false,
      options: [
        { label: "Red", description: "A warm color" },
        { label: "Blue", description: "A cool color" },
      ],
    },
  ],
};

const todos = [
  { content: "Write the code", status: "completed", activeForm: "Writing the code" },
  { content: "Test the code", status: "in_progress", activeForm: "Testing the code" },
  { content: "Ship it", status: "pending", activeForm: "Shipping it" },
];

function todo(c: Conversation): FakeReply {
  if (!c.hasTool("TodoWrite") && c.hasTool("TaskCreate")) return taskTools(c);
  if (c.step > 0) return say(`Todo list updated. Tool said: ${quote(c.lastToolResult)}`);
  return callTool(c, "TodoWrite", { todos }, "Let me track the work.");
}

/** The list of @@todo with the Task tools that replace TodoWrite: two tasks, then the first one done. */
function taskTools(c: Conversation): FakeReply {
  if (c.step === 0) return callTool(c, "TaskCreate", { subject: "Write the code", description: "Write the code", activeForm: "Writing the code" });
  if (c.step === 1) return callTool(c, "TaskCreate", { subject: "Ship it", description: "Ship it", activeForm: "Shipping it" });
  if (c.step === 2) return callTool(c, "TaskUpdate", { taskId: "1", status: "completed" });
  return say(`Todo list updated. Tool said: ${quote(c.lastToolResult)}`);
}

function plan(c: Conversation): FakeReply {
  const planFilePath = c.planFilePath ?? inCwd(c, "plan.md");
  if (c.step === 0) return callTool(c, "Write", { file_path: planFilePath, content: PLAN_CONTENT });
  if (c.step === 1) return callTool(c, "ExitPlanMode", { plan: PLAN_CONTENT }, "Here is my plan.");
  return say(`Plan result: ${quote(c.lastToolResult)}`);
}

/** Scripts that call tools, keyed by marker name. */
export const toolScripts: Record<string, Script> = {
  bash: (c) =>
    c.step === 0
      ? callTool(c, "Bash", { command: "echo hello-from-bash > bash-out.txt && cat bash-out.txt", description: "Write and print a greeting" }, "I will run a command.")
      : say(`Tool said: ${quote(c.lastToolResult)}`),
  /** Runs the Bash command a test put base64url-encoded in the marker (`@@sh:<b64url>`), then quotes its output. */
  sh: (c) =>
    c.step === 0
      ? callTool(c, "Bash", { command: Buffer.from(c.arg ?? "", "base64url").toString("utf8"), description: "Run the scripted command" }, "I will run it.")
      : say(`Tool said: ${quote(c.lastToolResult)}`),
  write: (c) => (c.step === 0 ? callTool(c, "Write", { file_path: inCwd(c, "hello.txt"), content: HELLO_CONTENT }) : say("Wrote hello.txt.")),
  edit: (c) => {
    if (c.step === 0) return callTool(c, "Write", { file_path: inCwd(c, "hello.txt"), content: HELLO_CONTENT });
    const edit = { file_path: inCwd(c, "hello.txt"), old_string: "hello from chatml", new_string: "hello from chatml, edited" };
    return c.step === 1 ? callTool(c, "Edit", edit) : say("Edited hello.txt.");
  },
  read: (c) => (c.step === 0 ? callTool(c, "Read", { file_path: inCwd(c, c.arg ?? "hello.txt") }) : say(`Read result: ${quote(c.lastToolResult)}`)),
  todo,
  task: (c) => {
    const input = { description: "Run a sub task", prompt: "@@sub Please echo something.", subagent_type: "general-purpose", run_in_background: false };
    return c.step === 0 ? callTool(c, "Agent", input, "Delegating to a sub-agent.") : say(`Sub-agent said: ${quote(c.lastToolResult)}`);
  },
  sub: (c) =>
    c.step === 0
      ? callTool(c, "Bash", { command: "echo from-subagent > sub-out.txt && cat sub-out.txt", description: "Echo from subagent" }, "Sub-agent working.")
      : say(`Sub-agent done: ${quote(c.lastToolResult)}`),
  /** A command whose output (~2.6 MB) the CLI cuts, saving the whole of it to a file. */
  bigbash: (c) =>
    c.step === 0 ? callTool(c, "Bash", { command: "seq 1 400000", description: "Print many numbers" }, "I will print a lot.") : say("Printed a lot."),
  ask: (c) => (c.step === 0 ? callTool(c, "AskUserQuestion", askInput) : say(`You answered: ${quote(c.lastToolResult)}`)),
  /** A long-running command that appends a line to ticks.txt every 0.2 s (for ~30 s): shows whether it still runs. */
  ticks: (c) =>
    c.step === 0
      ? callTool(c, "Bash", { command: TICKS_COMMAND, description: "Write ticks slowly", timeout: 120_000 }, "I will write ticks.")
      : say(`Ticks done: ${quote(c.lastToolResult)}`),
  /** Starts BG_COMMAND (or `@@bgbash:quick`, a command that ends at once) with `run_in_background`, then says so. */
  bgbash: (c) => {
    const command = c.arg === "quick" ? "echo bg-quick-done" : BG_COMMAND;
    if (c.step > 0) return say(`Background said: ${quote(c.lastToolResult)}`);
    return callTool(c, "Bash", { command, description: "Tick in the background", run_in_background: true }, "Starting it in the background.");
  },
  plan,
  /** Calls the MCP tool named by the argument (`@@mcp:mcp__chatml__review_comments`) with no input; then quotes it. */
  mcp: (c) => (c.step === 0 ? callTool(c, c.arg ?? "mcp__chatml__session_status", {}, "Asking ChatML.") : say(`MCP said: ${quote(c.lastToolResult)}`)),
  /** Invokes the skill named by the argument (`@@skill:greet`) with the Skill tool; then quotes what it answered. */
  skill: (c) => (c.step === 0 ? callTool(c, "Skill", { skill: c.arg ?? "" }, "Using the skill.") : say(`Skill said: ${quote(c.lastToolResult)}`)),
  /** Resolves the review comment named by the argument (`@@resolve:<comment id>`) through ChatML's MCP server. */
  resolve: (c) => (c.step === 0 ? callTool(c, "mcp__chatml__resolve_review_comment", { id: c.arg ?? "" }, "Resolving it.") : say(`MCP said: ${quote(c.lastToolResult)}`)),
};
