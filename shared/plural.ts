/** "1 conversation", "3 conversations", "2,102 files": a count with its noun, for messages on both sides. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
