/** What a caught value says to a person: an Error's message (without the class name `String(error)` puts first), else the value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
