/**
 * SQL for a part row's payload with the text its streaming checkpoints stored beside it (`part_chunks`, ADR 0041)
 * joined after its own; `alias` names the `parts` row. A part with no chunks reads as its payload.
 */
export function payloadWithChunks(alias: string): string {
  const chunks = `(SELECT group_concat(${chunkText("c", alias)}, '' ORDER BY c.start_offset) FROM part_chunks c WHERE c.part_id = ${alias}.id)`;
  return `CASE WHEN EXISTS (SELECT 1 FROM part_chunks c WHERE c.part_id = ${alias}.id)
    THEN json_set(${alias}.payload, '$.text', json_extract(${alias}.payload, '$.text') || ${chunks}) ELSE ${alias}.payload END`;
}

/**
 * SQL for one chunk's text (`chunk` a `part_chunks` row of the part `part`): since migration 0024 a chunk names the
 * `message.part.appended` event that carries its text (ADR 0282), whose `text` is exactly the chunk's; a chunk stored
 * before that holds its text itself.
 */
function chunkText(chunk: string, part: string): string {
  return `CASE WHEN ${chunk}.event_seq IS NULL THEN ${chunk}.text
    ELSE (SELECT json_extract(e.payload, '$.text') FROM events e WHERE e.conversation_id = ${part}.conversation_id AND e.seq = ${chunk}.event_seq) END`;
}

/** SQL for how many UTF-16 code units of text a part's chunks hold, without reading their text. */
export function chunksLength(alias: string): string {
  return `coalesce((SELECT sum(c.end_offset - c.start_offset) FROM part_chunks c WHERE c.part_id = ${alias}.id), 0)`;
}
