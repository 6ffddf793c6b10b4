import { messageOf } from "../../../shared/error-message.ts";

/** A markdown file split into its front-matter fields and body; `problem` says why the front matter is unusable. */
export type ParsedMarkdown = { fields: Record<string, string>; body: string; problem: string | null };

const KEY_VALUE = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/;

/**
 * Reads the simple YAML front matter Claude Code commands and skills use (`key: value` lines between `---` fences,
 * a value over several lines as a `|` or `>` block). Nested YAML is ignored; an unclosed fence, front matter that is
 * not YAML (checked by Bun's own YAML parser) or a line that is not `key: value` is reported, never thrown.
 * @example parseFrontMatter("---\ndescription: Greets\n---\nHello $ARGUMENTS").fields.description // "Greets"
 */
export function parseFrontMatter(text: string): ParsedMarkdown {
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
  if (!normalised.startsWith("---\n")) return { fields: {}, body: normalised, problem: null };
  const end = normalised.indexOf("\n---", 3);
  if (end < 0) return { fields: {}, body: normalised, problem: "The front matter is not closed: add a line with --- after it." };
  const yamlProblem = invalidYaml(normalised.slice(4, end));
  // Claude Code loads such a file with none of its fields (name from the folder, no description): so does ChatML.
  if (yamlProblem) return { fields: {}, body: afterFence(normalised, end), problem: yamlProblem };
  const fields: Record<string, string> = {};
  const lines = normalised.slice(4, end).split("\n");
  for (const [index, line] of lines.entries()) {
    if (!line.trim() || line.trimStart().startsWith("#") || /^\s/.test(line) || line.trimStart().startsWith("- ")) continue;
    const match = KEY_VALUE.exec(line);
    if (!match) return { fields, body: afterFence(normalised, end), problem: `Front matter line ${index + 2} is not "key: value": ${line.slice(0, 80)}` };
    const value = (match[2] ?? "").trim();
    const block = BLOCK_SCALAR.exec(value);
    fields[(match[1] ?? "").toLowerCase()] = block ? blockScalar(lines.slice(index + 1), block[1] === ">") : unquote(value);
  }
  return { fields, body: afterFence(normalised, end), problem: null };
}

/** Why the front matter is not YAML, as Bun's parser says; null when it is (or on a Bun too old to have a parser). */
function invalidYaml(frontMatter: string): string | null {
  if (typeof Bun === "undefined" || !("YAML" in Bun)) return null;
  try {
    Bun.YAML.parse(frontMatter);
    return null;
  } catch (error) {
    return `The front matter is not valid YAML (${messageOf(error).replace(/^YAML Parse error:\s*/i, "")}), so Claude Code ignores all of it: fix it in the file.`;
  }
}

/** `key: |` (lines kept) or `key: >` (lines folded into one), with YAML's optional chomping and indent indicators. */
const BLOCK_SCALAR = /^([|>])[-+]?\d?$/;

/**
 * A block scalar's text: the indented lines after its key (a description written over several lines, as skills often
 * are), up to the next line that is not indented. Folded, a line break becomes a space and a blank line a break.
 */
function blockScalar(following: string[], isFolded: boolean): string {
  const taken: string[] = [];
  for (const line of following) {
    if (line.trim() !== "" && !/^\s/.test(line)) break;
    taken.push(line.trim());
  }
  const text = isFolded ? taken.join("\n").replace(/([^\n])\n(?=[^\n])/g, "$1 ").replace(/\n\n/g, "\n") : taken.join("\n");
  return text.trim();
}

/** Writes front matter for the given fields (empty values left out) followed by the body. */
export function formatFrontMatter(fields: Record<string, string>, body: string): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value.trim() !== "")
    .map(([key, value]) => `${key}: ${/[:#'"\n]/.test(value) ? JSON.stringify(value.replace(/\n/g, " ")) : value}`);
  const text = body.endsWith("\n") ? body : `${body}\n`;
  return lines.length ? `---\n${lines.join("\n")}\n---\n${text}` : text;
}

function afterFence(text: string, end: number): string {
  const next = text.indexOf("\n", end + 4);
  return next < 0 ? "" : text.slice(next + 1);
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return String(JSON.parse(value));
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}
