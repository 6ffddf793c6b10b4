import { imageMediaType } from "../../core/workbench/image-types.ts";

/**
 * One side of a changed file as a response. An image is sent as its type, to show in an <img>: opened on its own, a
 * sandbox CSP (on top of the app's) keeps an SVG's scripts from running on this origin. Anything else, or any file
 * asked for `isDownload`, is an attachment of no particular type that the browser saves and never renders.
 */
export function sideResponse(side: { bytes: Uint8Array; path: string }, isDownload: boolean): Response {
  const name = side.path.split("/").pop() ?? side.path;
  const mediaType = isDownload ? null : imageMediaType(side.path);
  const disposition = `${mediaType ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`;
  const headers: Record<string, string> = {
    "content-type": mediaType ?? "application/octet-stream",
    "content-disposition": disposition,
    "x-content-type-options": "nosniff",
    // The work tree's side changes under the same URL.
    "cache-control": "no-store",
  };
  if (mediaType) headers["content-security-policy"] = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";
  return new Response(new Uint8Array(side.bytes), { headers });
}
