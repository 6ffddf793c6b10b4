/**
 * `text` to follow other words in a sentence: its first letter in lower case ("Stopped" → "stopped"), unless its
 * first word is a name or an acronym written with more capitals ("ChatML stopped", "CLI exited") which stays as it is.
 */
export function lowerFirst(text: string): string {
  const firstWord = /^\S+/.exec(text)?.[0] ?? "";
  if (/[A-Z]/.test(firstWord.slice(1))) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
