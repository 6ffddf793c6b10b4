import type { EffortLevel, PermissionMode } from "../../../shared/protocol/model.ts";

/**
 * Reads the interactive `claude`'s screen (the server's headless copy of its terminal) to tell whether its prompt
 * box takes typing now. Checked with both pinned CLIs: the prompt box is a line starting with `❯` between two rules
 * of `─`; a dialog (a startup offer, a permission, question or plan prompt) takes the box's place, and keys typed
 * then go into the dialog, so a prompt typed from the message box would be lost or, worse, pick an option.
 */

/**
 * A startup offer the TUI may show before its prompt box, and the key that declines it; any of `markers` on screen
 * shows it (a short terminal, such as a desktop's 11-row bottom panel, shows only its last lines: its answers).
 */
type Offer = { name: string; markers: readonly string[]; decline: string };

/**
 * Offers ChatML declines so a prompt typed from the message box is never swallowed. 2.1.330 sometimes asks to make
 * auto mode the default as it starts; Esc keeps manual mode (the user's setting stays as it was).
 */
export const STARTUP_OFFERS: readonly Offer[] = [{ name: "auto mode as default", markers: ["Make auto mode your default", "No, keep manual mode"], decline: "\x1b" }];

/**
 * A question the TUI asks before its prompt box that only the user answers (see STARTUP_QUESTIONS): `asks` is its
 * title; any of `markers` on screen shows it (a short terminal shows only its last lines, its answers).
 */
type StartupQuestion = { asks: string; markers: readonly string[]; reason: string };

/**
 * Questions ChatML leaves to the user (ADR 0122). 2.1.119 asks "Enable auto mode?" at start when the user's own
 * settings choose `permissions.defaultMode: "auto"`: its Yes turns the classifier on, its No and Esc exit the CLI, so
 * answering either way would decide for the user.
 */
export const STARTUP_QUESTIONS: readonly StartupQuestion[] = [
  {
    asks: "Enable auto mode?",
    markers: ["Enable auto mode?", "Yes, enable auto mode"],
    reason: "Asks in the terminal whether to enable auto mode (your Claude Code settings choose it)",
  },
];

export type TuiScreenState =
  /** `typed`: what the prompt box holds (empty when nothing was typed yet). */
  | { kind: "prompt"; typed: string }
  | { kind: "offer"; offer: Offer }
  | { kind: "question"; question: StartupQuestion }
  /** Something else holds the keyboard (a permission, question or plan prompt, a trust dialog) or it is starting. */
  | { kind: "busy"; what: string };

const RULE = /^─{10,}$/;
const PROMPT = /^❯(\s|$)/;

/**
 * What the screen shows now: the prompt box, a startup offer to decline, or something to wait for. An offer takes the
 * prompt box's place, so with the box drawn its words on screen are Claude's (an answer quoting them), not an offer:
 * Esc then would interrupt Claude.
 */
export function readTuiScreen(lines: readonly string[]): TuiScreenState {
  const text = lines.join("\n");
  const offer = promptBox(lines) ? undefined : STARTUP_OFFERS.find((o) => o.markers.some((marker) => text.includes(marker)));
  if (offer) return { kind: "offer", offer };
  const question = readStartupQuestion(lines);
  if (question) return { kind: "question", question };
  const typed = promptBoxText(lines);
  if (typed !== null) return { kind: "prompt", typed };
  const dialog = lines.map((l) => l.trim()).find((l) => /\?$/.test(l) && l.length > 8);
  return { kind: "busy", what: dialog ?? "the terminal is starting" };
}

/** The startup question the screen asks the user (only while no prompt box is drawn), or null. */
export function readStartupQuestion(lines: readonly string[]): StartupQuestion | null {
  if (promptBox(lines)) return null;
  const text = lines.join("\n");
  return STARTUP_QUESTIONS.find((q) => q.markers.some((marker) => text.includes(marker))) ?? null;
}

/** The prompt box's text, or null when there is no prompt box. */
function promptBoxText(lines: readonly string[]): string | null {
  const box = promptBox(lines);
  return box ? lines.slice(box.top, box.bottom).join("\n").replace(/^❯/, "").trim() : null;
}

/**
 * The permission mode words on the TUI's status line (the line under its prompt box), as both pinned CLIs draw them:
 * `⏵⏵ accept edits on`, `⏸ plan mode on`, `⏵⏵ auto mode on`, `bypass permissions on`, `don't ask on`; 2.1.330+ says
 * `⏸ manual mode on` for the default mode, 2.1.119 says no mode at all then.
 */
const MODE_WORDS: ReadonlyArray<[RegExp, PermissionMode]> = [
  [/accept edits on/, "acceptEdits"],
  [/plan mode on/, "plan"],
  [/auto mode on/, "auto"],
  [/bypass permissions on/, "bypassPermissions"],
  [/don.t ask on/, "dontAsk"],
  [/manual mode on/, "default"],
];
/** What the status line shows in the default mode of a CLI that names no mode there (2.1.119): its hints. */
const DEFAULT_MODE_HINTS = /\? for shortcuts|esc to interrupt/;

/**
 * The permission mode the TUI's status line shows, or null when the screen does not tell (starting, a dialog in the
 * prompt box's place, or a passing message on the status line such as "Press Ctrl-C again to exit").
 */
export function readTuiMode(lines: readonly string[]): PermissionMode | null {
  const box = promptBox(lines);
  if (!box) return null;
  const status = lines.slice(box.bottom + 1, box.bottom + 3).join(" ");
  const named = MODE_WORDS.find(([words]) => words.test(status));
  if (named) return named[1];
  return DEFAULT_MODE_HINTS.test(status) ? "default" : null;
}

/** The effort line newer TUIs (2.1.33x) draw right above their prompt box, e.g. `◐ medium · /effort`. */
const EFFORT_LEVELS = "low|medium|high|xhigh|max";
const EFFORT_LINE = new RegExp(String.raw`\b(${EFFORT_LEVELS}) · /effort\b`);

/**
 * The effort level the TUI shows over its prompt box, or null when it shows none (2.1.119 names none; a dialog in
 * the box's place): only that line is read, so an answer that quotes one is never taken for it.
 */
export function readTuiEffort(lines: readonly string[]): EffortLevel | null {
  const box = promptBox(lines);
  const line = box ? lines.slice(Math.max(0, box.top - 3), box.top - 1).join(" ") : "";
  return (EFFORT_LINE.exec(line)?.[1] as EffortLevel | undefined) ?? null;
}

/**
 * A line of the TUI's own under its prompt box, by its shape: it starts with the mode (`⏸ manual mode on · ? for
 * shortcuts · ← for agents`, `⏵⏵ auto mode on (shift+tab to cycle) …`), with 2.1.119's default-mode hints
 * (`? for shortcuts`, `esc to interrupt`), or is the effort alone (`◐ medium · /effort`). Only the start is read: a
 * line the CLI wrote that merely holds such words ("Error: auto mode on this plan …") is what it said, not its status.
 */
const STATUS_LINE = new RegExp(
  String.raw`^\s*(?:(?:[⏵⏸]+\s*)?(?:accept edits|plan mode|auto mode|manual mode|bypass permissions|don.t ask) on\b|\? for shortcuts|esc to interrupt|\S?\s*(?:${EFFORT_LEVELS}) · /effort\s*$)`,
);

/** Whether a line under the prompt box is the TUI's status line (see STATUS_LINE). */
export function isTuiStatusLine(line: string): boolean {
  return STATUS_LINE.test(line);
}

/**
 * Where the prompt box is: a rule, a line starting with `❯` (`top`; the typed text may go on for a few lines), another
 * rule (`bottom`); null when there is none.
 */
export function promptBox(lines: readonly string[]): { top: number; bottom: number } | null {
  for (let i = 1; i < lines.length; i += 1) {
    if (!PROMPT.test(lines[i] ?? "") || !RULE.test((lines[i - 1] ?? "").trim())) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 12); j += 1) if (RULE.test((lines[j] ?? "").trim())) return { top: i, bottom: j };
  }
  return null;
}
