import { isTuiStatusLine, promptBox } from "./tui-screen.ts";

/** Lines of the TUI's last screen quoted when it ends with an error (its message, not its logo). */
const QUOTED_LINES = 6;
/** ChatML's own line under the process's last output (see LiveTerminal). */
const PROCESS_LINE = /^\[process (exited|ended)/;
/**
 * The hint the CLI prints as it ends ("Resume this session with:", then the command): not why it ended, and Restart
 * resumes the session here anyway.
 */
const RESUME_HINT = /^(Resume this session with:?|claude --resume \S+)$/;
/**
 * The footer of a choice the TUI asked for (its folder-trust question): the question and its options stay on screen
 * above what the CLI wrote once answered, and were quoted as if it had said them ("Security guide ❯ No, exit. Yes, I
 * trust this folder. Enter to confirm · Esc to cancel. Claude Code didn't start because …").
 */
const CHOICE_FOOTER = /Enter to confirm · Esc to cancel/;
/** ChatML's own line where a restart began: what is above it is the run before. */
const RESTART_LINE = "[restarted]";

/**
 * Why an interactive `claude` that ended with an error ended, in words for its terminal and its conversation: what
 * the CLI last said on its screen, and, when Claude Code never finished its first-run setup for this user, what to
 * do about it, first: after the CLI's quote (five sentences offline) it was past the end of a line cut to fit (the
 * desktop's folded terminals bar). Null for an ordinary end (exit code 0: the user quit it).
 * @example explainTuiExit(1, ["Unable to connect to Anthropic services", "[process exited with code 1]"], false)
 */
export function explainTuiExit(exitCode: number | null, screen: readonly string[], isOnboarded: boolean | null): string | null {
  if (exitCode === 0 || exitCode === null) return null;
  const said = lastWords(screen);
  if (isOnboarded !== false) return said ? `Claude Code said: “${said}”.` : "Claude Code ended without a message.";
  return (
    "Claude Code has not finished its first-run setup for this user (theme, sign-in, a check that it can reach " +
    "Anthropic), which the interactive CLI needs before anything else: run claude once in a terminal that can reach " +
    "Anthropic (+ Terminal here works), finish it, then Restart this one. Chat mode needs no setup: send from the message box. " +
    (said ? `It said: “${said}”.` : "It ended without a message.")
  );
}

/**
 * The screen's last lines that hold words (a logo's blocks and dots do not), as one message: a line ends a sentence
 * where the next starts with a capital (the TUI leaves its headings without a full stop); a line the screen wrapped
 * goes on with the next. Only this run's (below a restart's line), and, when its prompt box is still drawn, only what
 * the CLI wrote under it: above the box are the user's old prompts and Claude's answers, in it what was being typed,
 * and right under it the TUI's status line; none of them is why it ended. Nor is a choice it asked for, answered.
 */
function lastWords(screen: readonly string[]): string {
  const thisRun = screen.slice(screen.findLastIndex((line) => line.trim() === RESTART_LINE) + 1);
  const box = promptBox(thisRun);
  const below = box ? thisRun.slice(box.bottom + 1).filter((line) => !isTuiStatusLine(line)) : thisRun;
  const said = below.slice(below.findLastIndex((line) => CHOICE_FOOTER.test(line)) + 1);
  const lines = said.map((line) => line.trim()).filter((line) => /[a-z]{2}/i.test(line) && !PROCESS_LINE.test(line) && !RESUME_HINT.test(line)).slice(-QUOTED_LINES);
  return lines.map((line, i) => (/^[A-Z]/.test(lines[i + 1] ?? "") && !/[.:!?]$/.test(line) ? `${line}.` : line)).join(" ").replace(/\.$/, "");
}
