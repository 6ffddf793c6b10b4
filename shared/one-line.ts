/** `text` on one line (each run of white space one space), cut to `max` characters with an ellipsis: a quote in a sentence. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
