import { BlobId, newId } from "../../shared/ids.ts";
import type { Clock, Db } from "./db.ts";
import { decodeRow, StorageCorruptionError } from "./errors.ts";

/** A stored binary (an image the user attached). */
export type StoredBlob = { id: BlobId; mediaType: string; bytes: Uint8Array; size: number; createdAt: number };

type BlobRow = { id: string; media_type: string; bytes: Uint8Array; size: number; created_at: number };

/** Binary attachments, stored inside the database so a backup is one file. */
export class BlobRepo {
  constructor(
    private readonly db: Db,
    private readonly now: Clock = Date.now,
  ) {}

  /** Stores a copy of `bytes` and returns its new id. */
  put(bytes: Uint8Array, mediaType: string): BlobId {
    const id = newId("blob");
    this.db.run(
      "INSERT INTO blobs (id, media_type, bytes, size, created_at) VALUES ($id, $mediaType, $bytes, $size, $createdAt)",
      { id, mediaType, bytes, size: bytes.byteLength, createdAt: this.now() },
    );
    return id;
  }

  /** The blob, or null; a size that does not match its bytes throws {@link StorageCorruptionError}. */
  get(id: BlobId): StoredBlob | null {
    const row = this.db.get<BlobRow>("SELECT id, media_type, bytes, size, created_at FROM blobs WHERE id = $id", { id });
    if (!row) return null;
    const where = `blob ${row.id}`;
    if (!(row.bytes instanceof Uint8Array) || row.bytes.byteLength !== row.size) {
      throw new StorageCorruptionError(where, `expected ${row.size} bytes`);
    }
    return {
      id: decodeRow(BlobId, row.id, where),
      mediaType: row.media_type,
      bytes: row.bytes,
      size: row.size,
      createdAt: row.created_at,
    };
  }
}
