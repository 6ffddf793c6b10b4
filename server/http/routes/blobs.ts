import { Hono } from "hono";
import { z } from "zod";
import { BlobId } from "../../../shared/ids.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Stored images, fetched on demand instead of being inlined into transcripts. */
export function blobRoutes(services: HttpServices) {
  return new Hono().get("/blobs/:id", validate("param", z.object({ id: BlobId })), (c) => {
    const blob = services.queries.blobs.get(c.req.valid("param").id);
    if (!blob) throw new AppError("not_found", "No such file.");
    return c.body(new Uint8Array(blob.bytes), 200, { "content-type": blob.mediaType, "cache-control": "private, max-age=31536000, immutable" });
  });
}
