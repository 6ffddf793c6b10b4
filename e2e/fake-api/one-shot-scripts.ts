import type { Conversation } from "./conversation.ts";
import { say } from "./tool-scripts.ts";
import type { FakeReply } from "./types.ts";

/**
 * ChatML's one-shot CLI calls: a session title (`[chatml:title]`) answers the request's first words, capitalised,
 * marker-free; an archive summary (`[chatml:summary]`) answers a fixed sentence; a commit message
 * (`[chatml:commit-message]`) is "Add <first file of the diff>" with a one-line body. Checked before any `@@marker`, since
 * the quoted request may contain one.
 */
export function oneShotReply(c: Conversation): FakeReply | undefined {
  const text = c.hostTexts.at(-1) ?? "";
  if (text.includes("[chatml:summary]")) return say("Fake summary: the session made its changes.");
  if (text.includes("[chatml:commit-message]")) {
    const file = text.match(/^\+\+\+ b\/(.+)$/m)?.[1] ?? "the changes";
    return say(`Add ${file}\n\nDrafted by the fake API from the staged diff.`);
  }
  if (!text.includes("[chatml:title]")) return undefined;
  const request = text.match(/<request>\n([\s\S]*?)\n<\/request>/)?.[1] ?? "";
  const words = request.replace(/@@\S+/g, "").split(/\s+/).filter(Boolean).slice(0, 4);
  const title = words.join(" ") || "Untitled";
  return say(`${title.charAt(0).toUpperCase()}${title.slice(1)}`);
}
