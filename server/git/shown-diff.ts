import { isUtf8 } from "node:buffer";
import { decodeText, type TextEncodingName } from "../lib/text-encoding.ts";
import type { FileDiff } from "./hunks.ts";

/** A file's diff as the user reads it, and how its lines were read. */
export type ShownFileDiff = FileDiff & { encoding: TextEncodingName };

/**
 * A diff read one character per byte (to patch with) turned into the text the user reads: its lines as UTF-8 when
 * they all are, else as Windows-1252, the same rule the diff view reads a file's sides by (`decodeText`). Decided
 * once for the whole diff, so every hunk of a Latin-1 file says `é`, not `�`, and a header turns into the same text
 * each time it is read (a hunk action compares it). The file header (paths) stays UTF-8: git writes names so.
 */
export function shownDiff(bytesDiff: FileDiff): ShownFileDiff {
  const asBytes = (line: string) => Buffer.from(line, "latin1");
  // Every hunk's lines at once: a file is one encoding, and a line that is ASCII alone would say UTF-8.
  const { encoding } = decodeText(asBytes(bytesDiff.hunks.map((hunk) => hunk.lines.join("\n")).join("\n")));
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const show = (line: string) => decoder.decode(asBytes(line));
  const hunks = bytesDiff.hunks.map((hunk) => ({ ...hunk, header: show(hunk.header), lines: hunk.lines.map(show) }));
  return { ...bytesDiff, headerLines: bytesDiff.headerLines.map(utf8Line), hunks, encoding };
}

/** A line read one character per byte, as UTF-8 text (how git writes a path in a diff's header). */
export const utf8Line = (line: string): string => new TextDecoder().decode(Buffer.from(line, "latin1"));

/**
 * A hunk's header as {@link shownDiff} shows it, without decoding every line of the diff: a hunk action compares the
 * header the user saw. ASCII (nearly every header) reads the same either way; else the encoding is decided as
 * shownDiff decides it, over the text of all the file's hunks (`hunksText`, one character per byte).
 */
export function shownHeader(header: string, hunksText: string): string {
  if (!/[^\p{ASCII}]/u.test(header)) return header;
  const encoding: TextEncodingName = isUtf8(Buffer.from(hunksText, "latin1")) ? "utf-8" : "windows-1252";
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(Buffer.from(header, "latin1"));
}
