/** "1 conversation", "3 conversations": a count with its noun, for messages on both sides. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
