// No zod here: the web's first load reads the header with these (ADR 0250).
import type { EntityRevision } from "./frames.ts";

/** The header the list endpoints send their entity revision in. */
export const ENTITY_REVISION_HEADER = "x-chatml-entities";

/** The header's text for a revision. */
export function formatEntityRevision({ boot, revision }: EntityRevision): string {
  return `${boot}:${revision}`;
}

/** A revision from the header's text, or null when it is absent or not one. */
export function parseEntityRevision(text: string | null | undefined): EntityRevision | null {
  const match = /^([\w-]+):(\d+)$/.exec(text ?? "");
  return match ? { boot: match[1] as string, revision: Number(match[2]) } : null;
}
