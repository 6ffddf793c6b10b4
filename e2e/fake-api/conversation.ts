import type { ApiBlock, ApiMessage, ApiRequestBody } from "./types.ts";

/** Tool_use ids of the automatic ToolSearch rounds; they do not count as script steps. */
export const AUTO_ID_PREFIX = "toolu_fakeauto";

const MARKER = /@@([a-z0-9]+)(?::(\S+))?/i;
const MARKERS = new RegExp(MARKER.source, "gi");
/** Texts the CLI itself adds to user messages; they are not something the host typed. */
const CLI_TEXT = /^\s*(<system-reminder>|<local-command|<command-|\[Request interrupted|Your response above was cut off)/;

/** What the fake reads out of one request: which script, which step, and the context the scripts need. */
export interface Conversation {
  script: string;
  arg: string | undefined;
  step: number;
  model: string;
  hostTexts: string[];
  lastToolResult: string;
  cwd: string | undefined;
  planFilePath: string | undefined;
  /** Whether the tool must first be loaded through ToolSearch (2.1.330 deferred tools). */
  needsToolSearch(name: string): boolean;
  hasTool(name: string): boolean;
  /** A key that identifies this exact request position (for fail-N-times counters). */
  key: string;
}

function blocksOf(message: ApiMessage): ApiBlock[] {
  return typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
}

/** Text content of a block, flattening nested tool_result content. */
export function blockText(block: ApiBlock): string {
  if (typeof block.content === "string") return block.content;
  if (Array.isArray(block.content)) return block.content.map(blockText).join("");
  return block.text ?? "";
}

/** Texts the host typed. Beside tool results the CLI adds its own notes ("Tool loaded."), so there only texts with a marker count. */
function hostTextsOf(message: ApiMessage): string[] {
  if (message.role !== "user") return [];
  const blocks = blocksOf(message);
  const withResults = blocks.some((b) => b.type === "tool_result");
  return blocks
    .filter((b) => b.type === "text" && !CLI_TEXT.test(b.text ?? ""))
    .map((b) => b.text ?? "")
    .filter((text) => !withResults || MARKER.test(text));
}

function isAutoRound(message: ApiMessage): boolean {
  const uses = blocksOf(message).filter((b) => b.type === "tool_use");
  return uses.length > 0 && uses.every((b) => (b.id ?? "").startsWith(AUTO_ID_PREFIX));
}

function lastToolResultOf(messages: ApiMessage[]): string {
  const last = messages.filter((m) => m.role === "user").at(-1);
  const results = last ? blocksOf(last).filter((b) => b.type === "tool_result") : [];
  return results.map(blockText).join("\n");
}

function toolAccess(body: ApiRequestBody, serialized: string): Pick<Conversation, "hasTool" | "needsToolSearch"> {
  const tools = body.tools ?? [];
  const direct = new Set(tools.filter((t) => !t.defer_loading).map((t) => t.name));
  const hasSearch = direct.has("ToolSearch");
  const loaded = (name: string): boolean => serialized.includes(`"tool_name":"${name}"`);
  const deferredText = (name: string): boolean => new RegExp(`\\\\n${name}(\\\\n|")`).test(serialized);
  return {
    hasTool: (name) => direct.has(name) || (hasSearch && deferredText(name)),
    needsToolSearch: (name) =>
      hasSearch && !direct.has(name) && deferredText(name) && !loaded(name) && !serialized.includes(`"query":"select:${name}"`),
  };
}

/** Reads the script marker, step and context out of a Messages API request body. */
export function readConversation(body: ApiRequestBody): Conversation {
  const messages = body.messages ?? [];
  const serialized = JSON.stringify(body);
  const hostIndex = messages.findLastIndex((m) => hostTextsOf(m).length > 0);
  const hostTexts = messages.flatMap(hostTextsOf);
  // The last marker: what ChatML puts ahead of the user's words (a recap, a note after a rewind) may quote older ones.
  const marker = hostIndex >= 0 ? ([...hostTextsOf(messages[hostIndex] as ApiMessage).join("\n").matchAll(MARKERS)].at(-1) ?? null) : null;
  const after = messages.slice(hostIndex + 1).filter((m) => m.role === "assistant");
  const step = after.filter((m) => !isAutoRound(m)).length;
  return {
    script: marker?.[1]?.toLowerCase() ?? "default",
    arg: marker?.[2],
    step,
    model: body.model ?? "claude-fake",
    hostTexts,
    lastToolResult: lastToolResultOf(messages),
    cwd: serialized.match(/working directory: ([^\s"\\]+)/i)?.[1],
    planFilePath: planFilePathIn(serialized),
    ...toolAccess(body, serialized),
    key: `${hostIndex}:${hostTexts.at(-1) ?? ""}:${step}`,
  };
}

/**
 * The plan file a plan-mode reminder names (`<home>/.claude/plans/<name>.md`). Found from the fixed part outwards:
 * a pattern that starts anywhere (`[^\s"]*\/\.claude…`) backtracks over every position of a long run without spaces,
 * and an attached image's base64 (hundreds of KB, with slashes) made one request take minutes of CPU.
 */
function planFilePathIn(serialized: string): string | undefined {
  const isPathChar = (char: string | undefined) => char !== undefined && !/[\s"\\]/.test(char);
  for (let at = serialized.indexOf("/.claude/plans/"); at !== -1; at = serialized.indexOf("/.claude/plans/", at + 1)) {
    let start = at;
    while (isPathChar(serialized[start - 1])) start -= 1;
    let end = at + "/.claude/plans/".length;
    while (isPathChar(serialized[end])) end += 1;
    const path = /^(.*\/\.claude\/plans\/.+\.md)/.exec(serialized.slice(start, end))?.[1];
    if (path) return path;
  }
  return undefined;
}
