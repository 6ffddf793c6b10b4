import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/** What each request part is called in a message a user reads. */
const PART_NAMES: Record<string, string> = { json: "The request body", form: "The form", query: "The query", param: "The address", header: "The headers", cookie: "The cookies" };

/** zod's own wording, as opposed to a message a schema wrote for people (which is kept as written). */
const ZOD_WORDING = /^(Too big|Too small|Invalid input|Invalid option|Invalid string|Invalid URL|Invalid email|Invalid ISO|Invalid UUID|Invalid number|Unrecognized key)/;

/**
 * One plain sentence per zod issue of a refused request: "Branch must be at most 200 characters." instead of zod's
 * "Invalid json: branch: Too big: expected string to have <=200 characters" — the message shows in the app as is.
 */
export function describeInvalidRequest(target: string, issues: readonly Issue[]): string {
  return issues.map((issue) => describeIssue(target, issue)).join(" ");
}

function describeIssue(target: string, issue: Issue): string {
  const subject = issue.path.length > 0 ? capitalize(issue.path.map(fieldWords).join(" ")) : (PART_NAMES[target] ?? "The request");
  if (!ZOD_WORDING.test(issue.message)) return sentence(issue.path.length > 0 ? `${subject}: ${issue.message}` : issue.message);
  return sentence(`${subject} ${predicate(issue)}`);
}

function predicate(issue: Issue): string {
  switch (issue.code) {
    case "too_big":
      return bound("at most", "less than", issue.inclusive !== false, issue.maximum, issue.origin);
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      if (issue.origin === "array" && Number(issue.minimum) === 1) return "must have at least one item";
      return bound("at least", "more than", issue.inclusive !== false, issue.minimum, issue.origin);
    case "invalid_type":
      if (/received undefined$/.test(issue.message)) return "is required";
      return `must be ${TYPE_NAMES[issue.expected] ?? `of type ${issue.expected}`}`;
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "invalid_format":
      return FORMAT_NAMES[issue.format] ? `must be ${FORMAT_NAMES[issue.format]}` : "is not in the expected format";
    case "unrecognized_keys":
      return `has ${issue.keys.length === 1 ? "a field" : "fields"} it does not take: ${issue.keys.join(", ")}`;
    default:
      return `is not valid (${issue.message})`;
  }
}

function bound(inclusiveWord: string, exclusiveWord: string, isInclusive: boolean, limit: number | bigint, origin: string): string {
  const amount = `${isInclusive ? inclusiveWord : exclusiveWord} ${String(limit)}`;
  if (origin === "string") return `must be ${amount} characters`;
  if (origin === "array" || origin === "set") return `may have ${amount} items`;
  if (origin === "file") return `must be ${amount} bytes`;
  return `must be ${amount}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  bigint: "a whole number",
  date: "a date",
};

const FORMAT_NAMES: Record<string, string> = {
  url: "a URL",
  email: "an email address",
  uuid: "a UUID",
  datetime: "a date and time (ISO 8601)",
  date: "a date (YYYY-MM-DD)",
  time: "a time (HH:MM)",
};

/** "baseBranch" → "base branch"; an array index → "item 2". */
function fieldWords(segment: PropertyKey): string {
  if (typeof segment === "number") return `item ${segment + 1}`;
  return String(segment)
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
