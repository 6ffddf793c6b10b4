/** How a file's bytes were read as text: UTF-8, or Windows-1252 when they are not valid UTF-8. */
export type TextEncodingName = "utf-8" | "windows-1252";

/**
 * The bytes as text: UTF-8 when they are valid UTF-8 (a byte order mark kept, so adding or removing one shows),
 * else Windows-1252. Why that fallback: a file that is not UTF-8 is nearly always a legacy Western one (`café` saved
 * as Latin-1), and Windows-1252 maps every byte to a character, so the text shows instead of a row of `�`.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}
