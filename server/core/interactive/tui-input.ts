import type { TerminalId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { TerminalService } from "../terminals/terminal-service.ts";
import { readTuiScreen } from "./tui-screen.ts";

/** Longest wait for the TUI to show a pasted prompt before Enter is sent anyway. */
const ECHO_WAIT_MS = 3000;
/** Enter must reach the TUI in a read of its own: in the same read as the paste it is a newline in the prompt. */
const ENTER_GAP_MS = 30;
const ESC = "\x1b";
/** Longest wait for the prompt box (a TUI starting on a loaded machine, a startup offer going away). */
const PROMPT_BOX_WAIT_MS = 60_000;
/**
 * How long the prompt box must stay before a prompt is typed: 2.1.330 draws its prompt box first and a startup
 * offer over it about 50 ms later (measured), and an Enter that reached the offer would accept it.
 */
const PROMPT_SETTLE_MS = 400;
const SCREEN_POLL_MS = 30;
/** A startup offer still shown this long after Esc gets another Esc. */
const REDECLINE_MS = 2000;
/** A startup offer that appeared after the paste is declined and the prompt typed again, this many times at most. */
const MAX_ATTEMPTS = 3;

/**
 * Types a prompt into the interactive `claude` as a bracketed paste (both pinned CLIs turn paste mode on), then
 * Enter once the TUI shows it in its prompt box (checked with 2.1.119 and 2.1.330: a long paste followed by Enter in
 * the same write stays unsent in 2.1.119). Nothing is typed while anything else holds the keyboard, and a startup
 * offer that pops up over the prompt box is declined rather than answered by the prompt's Enter.
 */
export async function typePrompt(terminals: TerminalService, id: TerminalId, text: string, waitMs = PROMPT_BOX_WAIT_MS): Promise<void> {
  const paste = `${ESC}[200~${pasteable(text)}${ESC}[201~`;
  for (let attempt = 1; ; attempt += 1) {
    const before = await awaitPromptBox(terminals, id, waitMs);
    // After an offer took the screen, the box may already hold the paste (it reached the box first) or not (the offer got it).
    if (attempt === 1 || before === "") terminals.input(id, paste);
    const shown = await awaitEcho(terminals, id, before);
    if (shown === "offer" && attempt < MAX_ATTEMPTS) continue;
    await delay(ENTER_GAP_MS);
    if (readTuiScreen(terminals.live(id).screenText()).kind === "offer" && attempt < MAX_ATTEMPTS) continue;
    terminals.input(id, "\r");
    return;
  }
}

/** Waits for the prompt box to change after the paste, or for an offer to take the screen (then Enter must wait). */
async function awaitEcho(terminals: TerminalService, id: TerminalId, before: string): Promise<"echoed" | "offer" | "unknown"> {
  const deadline = Date.now() + ECHO_WAIT_MS;
  while (Date.now() < deadline) {
    const state = readTuiScreen(terminals.live(id).screenText());
    if (state.kind === "offer") return "offer";
    if (state.kind === "prompt" && state.typed !== before) return "echoed";
    await delay(SCREEN_POLL_MS);
  }
  return "unknown";
}

/**
 * Waits until the TUI has shown its prompt box for a moment, declining a startup offer (e.g. 2.1.330's "Make auto
 * mode your default") that would otherwise take the typed prompt as its answer; answers what the box holds. Anything
 * else in the way (still starting, a dialog) is waited for, then refused with what the screen shows.
 */
export async function awaitPromptBox(terminals: TerminalService, id: TerminalId, waitMs = PROMPT_BOX_WAIT_MS): Promise<string> {
  const deadline = Date.now() + waitMs;
  let since = Date.now();
  let seen = "";
  let declinedAt = 0;
  for (;;) {
    const state = readTuiScreen(terminals.live(id).screenText());
    const kind = state.kind === "offer" ? `offer:${state.offer.name}` : state.kind;
    if (kind !== seen) [seen, since] = [kind, Date.now()];
    const isSettled = Date.now() - since >= PROMPT_SETTLE_MS;
    if (state.kind === "prompt" && isSettled) return state.typed;
    // Waiting would not help: the question stays until the user answers it in the terminal.
    if (state.kind === "question") throw new AppError("conflict", `The interactive terminal asks “${state.question.asks}”: answer it there (ChatML does not answer it for you), then send again.`);
    // An offer takes keys only once it has settled too (an Esc right as it appears was seen to move its selection
    // instead); if it is still there a while after, Esc again.
    if (state.kind === "offer" && isSettled && Date.now() - declinedAt >= REDECLINE_MS) {
      declinedAt = Date.now();
      terminals.input(id, state.offer.decline);
    }
    if (Date.now() > deadline && state.kind !== "prompt") {
      const what = state.kind === "offer" ? `it still offers ${state.offer.name}` : `it shows “${state.what}”`;
      throw new AppError("conflict", `The interactive terminal is not ready for a prompt (${what}); answer it in the terminal, then send again.`);
    }
    await delay(SCREEN_POLL_MS);
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
