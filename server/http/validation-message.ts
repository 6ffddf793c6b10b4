import { z } from "zod";

type Issue = z.core.$ZodIssue;

/** What each request part is called in a message a user reads. */
const PART_NAMES: Record<string, string> = { json: "The request body", form: "The form", query: "The query", param: "The address", header: "The headers", cookie: "The cookies" };

/** zod's own wording, as opposed to a message a schema wrote for people (which is kept as written). */
const ZOD_WORDING = /^(Too big|Too small|Invalid input|Invalid option|Invalid string|Invalid URL|Invalid email|Invalid ISO|Invalid UUID|Invalid number|Unrecognized key)/;

/**
 * One plain sentence per zod issue of a refused request: "Branch must be at most 200 characters." instead of zod's
 * "Invalid json: branch: Too big: expected string to have <=200 characters" — the message shows in the app as is.
 * A field whose schema has a `title` (`.meta({ title })`, the label the app shows) is called by it: "Sleep idle
 * processes after (minutes)", not "Cli sleep after minutes"; a key of a record (a name the user chose) is quoted.
 */
export function describeInvalidRequest(target: string, issues: readonly Issue[], schema?: z.ZodType): string {
  return issues.map((issue) => describeIssue(target, issue, schema)).join(" ");
}

function describeIssue(target: string, issue: Issue, schema: z.ZodType | undefined): string {
  const subject = issue.path.length > 0 ? capitalize(fieldName(schema, issue.path)) : (PART_NAMES[target] ?? "The request");
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

/** Wrappers whose inner schema is the field's own (an optional field's title is on the schema it wraps). */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "nonoptional", "readonly", "catch"]);

type SchemaDef = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType; element?: z.ZodType };
const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The schema under its wrappers, and the first title met on the way down. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; title: string | undefined } {
  let node = schema;
  let title = z.globalRegistry.get(node)?.title;
  for (let def = defOf(node); WRAPPERS.has(def.type) && def.innerType; def = defOf(node)) {
    node = def.innerType;
    title ??= z.globalRegistry.get(node)?.title;
  }
  return { schema: node, title };
}

/** The words for an issue's path: each field by its title when its schema has one, else by its own name. */
function fieldName(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string {
  let node = schema ? unwrap(schema).schema : undefined;
  return path
    .map((segment) => {
      const def = node ? defOf(node) : undefined;
      const child = def?.type === "object" ? def.shape?.[String(segment)] : def?.type === "record" ? def.valueType : def?.type === "array" ? def.element : undefined;
      const next = child ? unwrap(child) : undefined;
      node = next?.schema;
      if (def?.type === "record") return `“${String(segment)}”`;
      return next?.title ?? fieldWords(segment);
    })
    .join(" ");
}

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
