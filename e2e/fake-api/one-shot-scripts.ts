import type { Conversation } from "./conversation.ts";
import { say } from "./tool-scripts.ts";
import type { FakeReply } from "./types.ts";

/**
 * ChatML's one-shot CLI calls: a session title (`[chatml:title]`) answers the request's first words, capitalised,
 * marker-free; an archive summary (`[chatml:summary]`) answers a fixed sentence, a job run's summary one that quotes
 * the start of the run's final answer; a commit message
 * (`[chatml:commit-message]`) is "Add <first file of the diff>" with a one-line body; a goal's plan (`[chatml:plan]`)
 * answers the plan JSON a test put base64url-encoded in the goal (`@@plan:<b64>`), or a one-job default; a corrective
 * job run (`[chatml:corrective]`) answers that it fixed things; a pull request draft (`[chatml:pr]`) answers the first
 * commit's subject as title and fills every heading of the quoted template. Checked before any `@@marker`, since the
 * quoted request may contain one.
 */
export function oneShotReply(c: Conversation): FakeReply | undefined {
  const text = c.hostTexts.at(-1) ?? "";
  if (text.includes("[chatml:summary]")) return say(summaryOf(text));
  if (text.includes("[chatml:commit-message]")) {
    const file = text.match(/^\+\+\+ b\/(.+)$/m)?.[1] ?? "the changes";
    return say(`Add ${file}\n\nDrafted by the fake API from the staged diff.`);
  }
  if (text.includes("[chatml:plan]")) return say(planFor(text));
  if (text.includes("[chatml:corrective]")) return say("Corrected: found the failure and finished the job.");
  if (text.includes("[chatml:pr]")) return say(pullRequestDraft(text));
  if (!text.includes("[chatml:title]")) return undefined;
  const request = text.match(/<request>\n([\s\S]*?)\n<\/request>/)?.[1] ?? "";
  const words = request.replace(/@@\S+/g, "").split(/\s+/).filter(Boolean).slice(0, 4);
  const title = words.join(" ") || "Untitled";
  return say(`${title.charAt(0).toUpperCase()}${title.slice(1)}`);
}

/** A session's summary is a fixed sentence; a job run's quotes the first words of the answer its prompt carries. */
function summaryOf(text: string): string {
  const answer = text.match(/<answer>\n([\s\S]*?)\n<\/answer>/)?.[1];
  if (answer === undefined) return "Fake summary: the session made its changes.";
  return `Fake summary: the run answered "${answer.split(/\s+/).slice(0, 6).join(" ")}".`;
}

/** The plan a test scripted into the goal text (`@@plan:<base64url JSON>`), or a small default plan. */
function planFor(text: string): string {
  const encoded = text.match(/@@plan:(\S+)/)?.[1];
  if (encoded) return `Here is the plan:\n${Buffer.from(encoded, "base64url").toString("utf8")}`;
  return JSON.stringify({ assessment: "Fake assessment.", jobs: [{ name: "Fake job", prompt: "Say hello @@text", schedule: { kind: "interval", every: 1, unit: "days" } }] });
}

function pullRequestDraft(text: string): string {
  const title = text.match(/<commits>\n- (.+)/)?.[1] ?? "Fake pull request";
  const template = text.match(/<template>\n([\s\S]*?)\n<\/template>/)?.[1];
  const headings = template ? template.split("\n").filter((line) => line.startsWith("#")) : [];
  const body = headings.length > 0 ? headings.map((h) => `${h}\nFake: filled by the drafting call.`).join("\n\n") : "Fake: what changed and why.";
  return `${title}\n\n${body}`;
}
