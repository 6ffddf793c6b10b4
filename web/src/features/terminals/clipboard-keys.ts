/** What a key press over the terminal means for the clipboard, beyond what xterm itself does with it. */
export type ClipboardKey = "copy" | "paste" | null;

type KeyLike = Pick<KeyboardEvent, "type" | "key" | "ctrlKey" | "altKey" | "metaKey" | "shiftKey">;

/**
 * The desktop's terminal shortcuts where xterm would send a control character instead: Ctrl+C over selected text
 * copies it (with nothing selected it stays ^C, to interrupt what runs), and Ctrl+V or Ctrl+Shift+V pastes (xterm
 * sends ^V, so a Linux or Windows user's usual paste did nothing). On a Mac, Cmd+C and Cmd+V are the browser's own
 * and Ctrl+V stays ^V, as in its Terminal.
 */
export function clipboardKey(event: KeyLike, hasSelection: boolean, isMac: boolean): ClipboardKey {
  if (event.type !== "keydown" || !event.ctrlKey || event.altKey || event.metaKey) return null;
  const key = event.key.toLowerCase();
  if (key === "c" && !event.shiftKey && hasSelection) return "copy";
  if (key === "v" && !isMac) return "paste";
  return null;
}

/** True on Apple's systems, whose copy and paste keys are Cmd+C and Cmd+V. */
export function isApplePlatform(): boolean {
  return /Mac|iPhone|iPad|iPod/.test(navigator.platform);
}
