/**
 * SQL for a part row's payload with the text its streaming checkpoints stored beside it (`part_chunks`, ADR 0041)
 * joined after its own; `alias` names the `parts` row. A part with no chunks reads as its payload.
 */
export function payloadWithChunks(alias: string): string {
  const chunks = `(SELECT group_concat(c.text, '' ORDER BY c.start_offset) FROM part_chunks c WHERE c.part_id = ${alias}.id)`;
  return `CASE WHEN EXISTS (SELECT 1 FROM part_chunks c WHERE c.part_id = ${alias}.id)
    THEN json_set(${alias}.payload, '$.text', json_extract(${alias}.payload, '$.text') || ${chunks}) ELSE ${alias}.payload END`;
}
