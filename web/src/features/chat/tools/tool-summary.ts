import { mcpToolOf, type ToolResult } from "../../../../../shared/index.ts";

/** A plain JSON object. */
export type Dict = Record<string, unknown>;

/** Whether a value is a plain object. */
export const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);
/** The value when it is a non-empty string, else null. */
export const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/** Reads a field by its snake_case or camelCase name (tool inputs keep the model's spelling). */
export function field(input: Dict, snake: string): string | null {
  const camel = snake.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
  return str(input[snake]) ?? str(input[camel]);
}

/**
 * One line that says what a tool call does, e.g. the Bash command or the file path — relative to `cwd` (the session's
 * folder) when inside it, so the line shows the file's name rather than the worktree's long path.
 */
export function toolSummary(name: string, input: unknown, cwd?: string): string {
  if (!isDict(input)) return "";
  const path = (value: string | null) => (value && cwd ? relativeTo(cwd, value) : value);
  switch (name) {
    case "Bash":
      return firstLine(field(input, "command") ?? "");
    case "Read":
    case "Write":
    case "Edit":
    case "MultiEdit":
    case "NotebookEdit":
      return path(field(input, "file_path") ?? field(input, "notebook_path")) ?? "";
    case "Glob":
    case "Grep":
      return [field(input, "pattern"), path(field(input, "path"))].filter(Boolean).join(" in ");
    case "WebFetch":
      return field(input, "url") ?? "";
    case "WebSearch":
      return field(input, "query") ?? "";
    case "Task":
    case "Agent":
      return field(input, "description") ?? "";
    case "TodoWrite":
      return Array.isArray(input.todos) ? `${input.todos.length} todos` : "";
    default:
      return [mcpLabel(name), firstLine(Object.values(input).map(str).find(Boolean) ?? "")].filter(Boolean).join(" ");
  }
}

/** An MCP tool call's row says which server's which tool it calls (`chatml/session_status`): its label says only "MCP". */
function mcpLabel(name: string): string {
  const mcp = mcpToolOf(name);
  return mcp ? `${mcp.server}/${mcp.tool}` : "";
}

function relativeTo(cwd: string, path: string): string {
  const folder = cwd.replace(/\/+$/, "");
  if (path === folder) return ".";
  return path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : path;
}

function firstLine(text: string): string {
  const line = text.split("\n", 1)[0] ?? "";
  return line.length < text.length ? `${line} …` : line;
}

/** The Bash command of a tool input, or null for other tools. */
export function bashCommand(name: string, input: unknown): string | null {
  return name === "Bash" && isDict(input) ? field(input, "command") : null;
}

/** What a tool printed: Bash stdout + stderr from the structured result when present, else the result text. */
export function resultOutput(result: ToolResult): string {
  const s = result.structured;
  if (isDict(s) && (typeof s.stdout === "string" || typeof s.stderr === "string")) {
    return [str(s.stdout), str(s.stderr)].filter(Boolean).join("\n") || result.text;
  }
  return result.text;
}

/** Pretty JSON for a tool input, tolerant of anything. */
export function prettyInput(input: unknown): string {
  if (typeof input === "string") return input;
  try {
    return JSON.stringify(input, null, 2) ?? "";
  } catch (error) {
    return `(unprintable input: ${String(error)})`;
  }
}
