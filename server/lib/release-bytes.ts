/**
 * Gives a chunk's memory back now instead of at a later garbage collection (ADR 0193): the chunk's buffer is detached
 * (`ArrayBuffer.prototype.transfer(0)`), so the chunk reads as empty afterwards. Only a chunk that is the whole of its
 * own buffer is freed; a view into a larger buffer may share it with other views and is left alone. The caller must
 * hold no other view of the bytes. Returns whether it freed them.
 */
export function releaseBytes(chunk: Uint8Array): boolean {
  const { buffer } = chunk;
  if (!(buffer instanceof ArrayBuffer) || chunk.byteOffset !== 0 || buffer.byteLength !== chunk.byteLength) return false;
  // ES2024's transfer; the project's lib is ES2023, Bun's JavaScriptCore has it.
  (buffer as ArrayBuffer & { transfer(length: number): ArrayBuffer }).transfer(0);
  return true;
}
