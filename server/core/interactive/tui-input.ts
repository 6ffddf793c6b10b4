import type { TerminalId } from "../../../shared/ids.ts";
import type { TerminalService } from "../terminals/terminal-service.ts";

/** Longest wait for the TUI to show a pasted prompt before Enter is sent anyway. */
const ECHO_WAIT_MS = 1000;
/** Enter must reach the TUI in a read of its own: in the same read as the paste it is a newline in the prompt. */
const ENTER_GAP_MS = 30;
const ESC = "\x1b";

/**
 * Types a prompt into the interactive `claude` as a bracketed paste (both pinned CLIs turn paste mode on), then
 * Enter once the TUI has echoed the paste (checked with 2.1.119 and 2.1.330: a long paste followed by Enter in the
 * same write stays unsent in 2.1.119).
 */
export async function typePrompt(terminals: TerminalService, id: TerminalId, text: string): Promise<void> {
  const key = `prompt-${crypto.randomUUID()}`;
  let echoed!: () => void;
  const echo = new Promise<void>((resolve) => (echoed = resolve));
  // A viewer of our own hears the TUI redraw after the paste (the first frame it gets is the current screen).
  terminals.attach(id, key, { bufferedAmount: () => 0, send: (frame) => frame.type === "terminal_output" && echoed() });
  try {
    terminals.input(id, `${ESC}[200~${pasteable(text)}${ESC}[201~`);
    await Promise.race([echo, delay(ECHO_WAIT_MS)]);
    await delay(ENTER_GAP_MS);
    terminals.input(id, "\r");
  } finally {
    terminals.detach(id, key);
  }
}

/** Esc: the TUI's own way to stop the running turn. */
export function interruptTui(terminals: TerminalService, id: TerminalId): void {
  terminals.input(id, ESC);
}

/** Control characters (but newline and tab) would act as keys in the TUI, e.g. end the bracketed paste early. */
function pasteable(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n");
  return [...normalized].filter((c) => c === "\n" || c === "\t" || (c >= " " && (c < "\x7f" || c > "\x9f"))).join("");
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
