const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/**
 * A file name as git prints it in a diff's header (`rename to …`, `+++ b/…`): as it is, or, when it holds a quote, a
 * backslash or a control character (any byte above 0x7f too, unless `core.quotePath` is off), in double quotes with C
 * escapes and octal bytes.
 * @example unquoteGitPath('"caf\\303\\251.txt"') // "café.txt"
 */
export function unquoteGitPath(printed: string): string {
  if (!printed.startsWith('"') || !printed.endsWith('"') || printed.length < 2) return printed;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  const body = printed.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char !== "\\") {
      bytes.push(...encoder.encode(char));
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) bytes.push(parseInt(octal[0], 8));
    else bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    i += octal ? 3 : 1;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
