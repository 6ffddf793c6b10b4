import { describe, expect, it } from "vitest";
import { explainTuiExit } from "./tui-exit.ts";

/** The screen 2.1.332 leaves when its first-run check cannot reach Anthropic (seen in a PTY with a fresh HOME). */
const OFFLINE_FIRST_RUN = [
  " *█████▓▓░",
  ".......████..........................................",
  "",
  " Unable to connect to Anthropic services",
  "",
  " Failed to connect to api.anthropic.com: ENOTFOUND",
  "",
  " Check your internet connection and network settings.",
  "",
  " Claude Code might not be available in your country. Check supported countries at",
  " https://anthropic.com/supported-countries",
  "",
  "[process exited with code 1]",
];

describe("explainTuiExit", () => {
  it("quotes what the CLI said, and says how to finish Claude Code's first-run setup when it never was", () => {
    const text = explainTuiExit(1, OFFLINE_FIRST_RUN, false);
    // What to do first: after the CLI's five offline sentences a line cut to fit (the folded terminals bar) lost it.
    expect(text).toMatch(/^Claude Code has not finished its first-run setup for this user \(theme, sign-in, /);
    expect(text).toContain(
      "It said: “Unable to connect to Anthropic services. Failed to connect to api.anthropic.com: ENOTFOUND. Check your internet connection and network settings. Claude Code might not be available in your country. Check supported countries at https://anthropic.com/supported-countries”.",
    );
    expect(text).toContain("run claude once in a terminal");
  });

  it("quotes the CLI alone for a user who did the setup (or whose state could not be read)", () => {
    expect(explainTuiExit(2, ["Error: something broke", "[process exited with code 2]"], true)).toBe("Claude Code said: “Error: something broke”.");
    expect(explainTuiExit(2, ["", "[process exited with code 2]"], null)).toBe("Claude Code ended without a message.");
  });

  it("quotes only what the CLI wrote under its prompt box, not the old prompts, answers and status line above", () => {
    const screen = [
      "❯ fix the login bug",
      "",
      "● I fixed the login bug: the session cookie is now refreshed.",
      "",
      "─".repeat(60),
      "❯ and add a test for it",
      "─".repeat(60),
      "  ⏸ manual mode on · ? for shortcuts · ← for agents",
      "Error: ENOSPC: no space left on device, write",
      "",
      "Resume this session with:",
      "claude --resume 85c9c3a0-e715-4f3e-95f4-9375bd06ac7a",
      "",
      "[process exited with code 1]",
    ];
    expect(explainTuiExit(1, screen, true)).toBe("Claude Code said: “Error: ENOSPC: no space left on device, write”.");
    // A TUI that ended with only its box, status line and resume hint on screen said nothing of why.
    expect(explainTuiExit(1, screen.filter((line) => !line.startsWith("Error")), true)).toBe("Claude Code ended without a message.");
    // An error that holds the status line's words ("mode on", "/effort") is still what it said, not its status line.
    const modeError = "Error: auto mode on this account needs a newer Claude Code (run /effort low or shift+tab)";
    expect(explainTuiExit(1, screen.map((line) => (line.startsWith("Error") ? modeError : line)), true)).toBe(`Claude Code said: “${modeError}”.`);
  });

  it("quotes what the CLI wrote once a choice it asked for was answered, not the choice (the folder-trust question, answered No)", () => {
    // The screen 2.1.330 leaves on a phone (47 columns, rows the screen wrapped joined) when "No, exit" is chosen.
    const screen = [
      " Accessing workspace:",
      "",
      " /tmp/untrusted-folder",
      "",
      " Quick safety check: Is this a project you created or one you trust?",
      "",
      " Security guide",
      "",
      " ❯ No, exit",
      "   Yes, I trust this folder",
      "",
      " Enter to confirm · Esc to cancel",
      "",
      "Claude Code didn't start because this folder isn't trusted.",
      "Run claude again and choose Yes, or run it in another folder.",
      "",
      "[process exited with code 1]",
    ];
    expect(explainTuiExit(1, screen, true)).toBe("Claude Code said: “Claude Code didn't start because this folder isn't trusted. Run claude again and choose Yes, or run it in another folder”.");
    // Asked and left unanswered (the CLI ended on its own), the question is all there is to quote.
    expect(explainTuiExit(1, screen.slice(0, 11), true)).toContain("Yes, I trust this folder");
  });

  it("says nothing of an ordinary end (the user quit) or a signal (said by the terminal itself)", () => {
    expect(explainTuiExit(0, OFFLINE_FIRST_RUN, false)).toBeNull();
    expect(explainTuiExit(null, OFFLINE_FIRST_RUN, false)).toBeNull();
  });
});
