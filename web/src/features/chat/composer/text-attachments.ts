/**
 * A text file dropped or pasted on the composer goes into the message as a fenced block under its name (Claude reads
 * it there, as if pasted); images stay attachments. Whether a file is text is read from its bytes, not its type: a
 * browser calls a `.ts` file `video/mp2t` and many source files nothing at all.
 */

/** Above this a file is refused rather than inserted: the box, the history and Claude's context all carry it whole. */
export const MAX_TEXT_FILE_BYTES = 200_000;

export type TextAttachment = { kind: "text"; block: string } | { kind: "refused"; reason: string };

/** An image the attachments take (they say why one of an unknown kind is refused); SVG is text and goes in as such. */
export function isImageFile(file: File): boolean {
  return file.type.startsWith("image/") && file.type !== "image/svg+xml";
}

/** Reads a file as text for the message, or says why it cannot go in (too large, binary, empty). */
export async function readTextAttachment(file: File): Promise<TextAttachment> {
  const name = file.name || "The file";
  if (file.size > MAX_TEXT_FILE_BYTES) {
    return { kind: "refused", reason: `${name} is ${kb(file.size)}: a text file goes into the message whole, up to ${kb(MAX_TEXT_FILE_BYTES)}. Put it in the session's folder and point Claude to it, or paste the part that matters.` };
  }
  const text = decodeText(await readBytes(file));
  if (text === null) {
    return { kind: "refused", reason: `${name} is not text, nor a PNG, JPEG, GIF or WebP image: its contents are binary, which a message cannot carry. Put it in the session's folder and point Claude to it.` };
  }
  if (text.trim() === "") return { kind: "refused", reason: `${name} is empty: nothing was added.` };
  return { kind: "text", block: fencedBlock(file.name || "file", text) };
}

/**
 * The file under its name in a fence longer than any run of backticks inside it (a Markdown file's own code blocks
 * would close a plain ``` early), tagged with its extension for highlighting.
 * @example fencedBlock("a.ts", "let x = 1;\n") // "`a.ts`\n```ts\nlet x = 1;\n```"
 */
export function fencedBlock(name: string, text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  const body = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  return `\`${name}\`\n${fence}${languageOf(name)}\n${body}\n${fence}`;
}

function languageOf(name: string): string {
  const ext = /\.([A-Za-z0-9+#-]{1,12})$/.exec(name)?.[1]?.toLowerCase() ?? "";
  return ext === "txt" || ext === "log" ? "" : ext;
}

/** UTF-8 text, or null when the bytes are not (invalid UTF-8, or a NUL that no text file holds). */
function decodeText(bytes: ArrayBuffer): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\u0000") ? null : text;
  } catch {
    // fatal: a byte sequence that is not UTF-8 throws; that is the answer, not a failure.
    return null;
  }
}

function readBytes(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsArrayBuffer(file);
  });
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1000).toLocaleString("en-US")} KB`;
