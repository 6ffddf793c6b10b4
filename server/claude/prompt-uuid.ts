/**
 * The `uuid` ChatML gives a prompt when it writes it to the CLI, derived from the message id so it never needs
 * storing. Both pinned CLIs keep it: the prompt's transcript entry gets it as its own `uuid`, and a prompt folded
 * into a running turn is saved as a `queued_command` attachment whose `source_uuid` is it. A fork finds its point
 * by it, however the CLI grouped the prompts.
 *
 * @example promptUuidOf("msg_AbC") // "3f1c…-…": the same answer every time for the same id
 */
export function promptUuidOf(messageId: string): string {
  // Bun's hasher, not node:crypto: importing that costs ~8 ms of every start (ADR 0042).
  const hex = new Bun.CryptoHasher("sha256").update(`chatml-prompt:${messageId}`).digest("hex");
  // Shaped as a version 4, variant 1 UUID: the CLI validates the field as a UUID.
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
