import { IMAGE_MEDIA_TYPES, type ImageInput } from "../../../../shared/index.ts";
import type { ViewMessage } from "../../protocol/conversation-view.ts";
import { toBase64 } from "./composer/use-attachments.ts";

/** The images a message was sent with (stored once on the server as blobs). */
export function messageImageIds(message: ViewMessage): { blobId: string; mediaType: string }[] {
  return message.parts.flatMap((p) => (p.kind === "image" ? [{ blobId: p.blobId, mediaType: p.mediaType }] : []));
}

/** Reads a sent message's images back, so Retry and Edit send the same pictures again, not only the words. */
export async function loadMessageImages(message: ViewMessage): Promise<ImageInput[]> {
  return Promise.all(
    messageImageIds(message).map(async ({ blobId, mediaType }) => {
      const response = await fetch(`/api/blobs/${encodeURIComponent(blobId)}`, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`An image of this message could not be read (${response.status}).`);
      const type = (IMAGE_MEDIA_TYPES as readonly string[]).includes(mediaType) ? (mediaType as ImageInput["mediaType"]) : "image/png";
      return { mediaType: type, data: await toBase64(await response.blob()) };
    }),
  );
}
