// No zod here: the web's first load reads ids from its address with these (ADR 0250); ids.ts builds the schemas on them.

/** Prefixes of our own ids; a prefix tells at a glance what an id names. */
export const ID_PREFIXES = {
  workspace: "wsp",
  session: "ses",
  conversation: "cnv",
  message: "msg",
  part: "prt",
  permission: "prm",
  blob: "blb",
  goal: "gol",
  job: "job",
  run: "run",
  terminal: "trm",
  queuedMessage: "qmg",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** The shape of an id of `kind`: its prefix, then 6–64 URL-safe characters. */
export const idPattern = (kind: IdKind): RegExp => new RegExp(`^${ID_PREFIXES[kind]}_[A-Za-z0-9_-]{6,64}$`);

/**
 * Whether `value` has the shape of an id of `kind`, without loading zod: the web reads ids from links a user may have
 * cut short or mistyped, which can name nothing.
 */
export function hasIdShape(kind: IdKind, value: string): boolean {
  return idPattern(kind).test(value);
}
