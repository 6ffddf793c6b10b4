/** The part of xterm's buffer API this reads (the browser's xterm and @xterm/headless share it). */
type BufferLike = {
  readonly length: number;
  getLine(y: number): { readonly isWrapped: boolean; translateToString(trimRight?: boolean): string } | undefined;
};

/**
 * A terminal's scrollback and screen as plain text, for a phone to select and copy from: a line the terminal wrapped
 * is joined back to the one before (it was one line of output), trailing spaces and empty rows at the end are dropped.
 */
export function terminalText(buffer: BufferLike): string {
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y += 1) {
    const line = buffer.getLine(y);
    if (!line) continue;
    // Untrimmed while a wrapped row may follow: a space at the wrap belongs between the words it joins.
    const text = line.translateToString(false);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  const trimmed = lines.map((text) => text.trimEnd());
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === "") trimmed.pop();
  return trimmed.join("\n");
}
