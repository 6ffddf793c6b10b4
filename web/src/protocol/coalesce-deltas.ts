import type { EphemeralEvent } from "../../../shared/index.ts";

/**
 * Folds a run of ephemeral events into the fewest that give the same view: consecutive text deltas of one part become
 * one delta (a reset starts the text over), and only the newest progress tick of a tool or turn is kept. Pure; the
 * order of different parts is kept so placeholders appear in the order the server streamed them.
 */
export function coalesceDeltas(events: readonly EphemeralEvent[]): EphemeralEvent[] {
  const out: EphemeralEvent[] = [];
  const partIndex = new Map<string, number>();
  const tickIndex = new Map<string, number>();
  for (const event of events) {
    if (event.type === "message.part.delta") {
      const key = `${event.messageId}/${event.partId}`;
      const at = partIndex.get(key);
      const previous = at === undefined ? undefined : out[at];
      if (previous?.type === "message.part.delta") {
        out[at as number] = event.isReset ? event : { ...previous, delta: previous.delta + event.delta };
        continue;
      }
      partIndex.set(key, out.length);
      out.push(event);
      continue;
    }
    const key = event.type === "tool.progressed" ? `tool/${event.toolUseId}` : "turn";
    const at = tickIndex.get(key);
    if (at !== undefined) {
      out[at] = event;
      continue;
    }
    tickIndex.set(key, out.length);
    out.push(event);
  }
  return out;
}
