import { imageMediaType } from "../../core/workbench/image-types.ts";

/**
 * One side of a changed file as a response. An image is sent as its type, to show in an <img>: opened on its own, a
 * sandbox CSP (on top of the app's) keeps an SVG's scripts from running on this origin. Anything else, or any file
 * asked for `isDownload`, is an attachment of no particular type that the browser saves and never renders.
 */
export function sideResponse(side: { bytes: Uint8Array; path: string }, isDownload: boolean): Response {
  const name = side.path.split("/").pop() ?? side.path;
  const mediaType = isDownload ? null : imageMediaType(side.path);
  // The work tree's side changes under the same URL.
  if (!mediaType) return new Response(new Uint8Array(side.bytes), { headers: { ...attachmentHeaders(name), "cache-control": "no-store" } });
  const headers = {
    "content-type": mediaType,
    "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(name)}`,
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "content-security-policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
  };
  return new Response(new Uint8Array(side.bytes), { headers });
}

/** A file to save, never render on this origin: an attachment of no particular type, named `name`. */
export function attachmentHeaders(name: string): Record<string, string> {
  return { "content-type": "application/octet-stream", "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`, "x-content-type-options": "nosniff" };
}
