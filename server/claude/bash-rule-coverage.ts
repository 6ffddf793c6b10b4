/**
 * Which parts of a Bash command a suggested "always allow" rule really covers.
 *
 * Claude Code checks each part of a compound command (`a && b`, `a | b`, `a; b`) against its rules on its own, and a
 * redirect that writes a file (`echo x > f`) is checked apart from the command's rule. The CLI's suggestion for
 * `echo hi > out.txt && cat out.txt` is `Bash(echo hi *)`: accepting it does not stop the same prompt coming back, so
 * the offer has to say what it leaves out.
 */

/**
 * One top-level part of a shell command, split on `&&`, `||`, `;`, `|`, `&` and newlines outside quotes, outside
 * `$(…)`, `(…)` and backticks (a subshell's or substitution's own separators belong to the part around it), and
 * outside a heredoc's body (its lines are the command's input, not commands).
 */
export function splitCommandParts(command: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | null = null;
  let depth = 0;
  let isInBackticks = false;
  const heredocEnds: string[] = [];
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') current += c + (command[++i] ?? "");
      else current += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === "\\") {
      current += c + (command[++i] ?? "");
      continue;
    }
    if (c === "`") isInBackticks = !isInBackticks;
    else if (c === "(") depth++;
    else if (c === ")" && depth > 0) depth--;
    else if (c === "<" && command[i + 1] === "<" && command[i + 2] !== "<") {
      const marker = /^<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/.exec(command.slice(i));
      if (marker) heredocEnds.push(marker[2]!);
    }
    if (c === "\n" && heredocEnds.length > 0) {
      // The body runs to the line that is only its end word (tabs before it with `<<-`).
      const end = heredocEnds.shift()!;
      const body = command.slice(i + 1).split("\n");
      const endLine = body.findIndex((line) => line.replace(/^\t+/, "") === end);
      const taken = endLine === -1 ? body.length : endLine + 1;
      const skipped = body.slice(0, taken).join("\n");
      current += c + skipped;
      i += skipped.length;
      continue;
    }
    const isSeparator = depth === 0 && !isInBackticks && (c === ";" || c === "\n" || c === "|" || (c === "&" && command[i - 1] !== ">" && command[i + 1] !== ">"));
    if (isSeparator) {
      parts.push(current);
      current = "";
      if ((c === "|" || c === "&") && command[i + 1] === c) i++;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/** Whether one Bash rule's content (`npm test`, `npm *`, legacy `npm:*`, or none: every command) matches a part. */
export function ruleMatches(ruleContent: string | null | undefined, part: string): boolean {
  if (!ruleContent) return true;
  const prefix = ruleContent.endsWith(":*") ? ruleContent.slice(0, -2) : ruleContent.endsWith(" *") ? ruleContent.slice(0, -2) : null;
  if (prefix === null) return part === ruleContent;
  return part === prefix || part.startsWith(`${prefix} `);
}

/** The files a part writes by redirect (`>`, `>>`) outside quotes; not file descriptors (`2>&1`) or /dev/null. */
export function redirectTargets(part: string): string[] {
  // A heredoc's body is text, not redirects: only its first line is the command's.
  const command = /<<-?\s*['"]?[A-Za-z_]/.test(part) ? part.split("\n")[0]! : part;
  const unquoted = command.replace(/'[^']*'|"(?:\\.|[^"\\])*"/g, "''");
  return [...unquoted.matchAll(/(?:^|[^>])>>?\s*([^\s&>;|]+)/g)].map((m) => m[1]!).filter((target) => target !== "/dev/null");
}

/**
 * What of `command` the given Bash rules leave to another prompt, in words: each part no rule matches (in quotes)
 * and each file a part writes by redirect (a rule allows the command, not the write). Empty when the rules cover it all.
 *
 * @example leftUncovered("echo hi > out.txt && cat out.txt", ["echo hi *"]) // ["“cat out.txt”", "writing out.txt"]
 */
export function leftUncovered(command: string, ruleContents: ReadonlyArray<string | null | undefined>): string[] {
  const parts = splitCommandParts(command);
  const unmatched = parts.filter((part) => !ruleContents.some((rule) => ruleMatches(rule, part))).map((part) => `“${part}”`);
  const writes = parts.flatMap(redirectTargets).map((target) => `writing ${target}`);
  return [...unmatched, ...writes];
}
