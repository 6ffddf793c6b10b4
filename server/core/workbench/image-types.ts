/** Image types every browser ChatML supports shows in an <img>, by file extension (lower case). */
const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  bmp: "image/bmp",
  ico: "image/x-icon",
  svg: "image/svg+xml",
};

/**
 * The media type an image preview serves `path` as, named by its extension, or null for a file that is no image. The
 * name decides, not the bytes: they are sent with `nosniff`, so bytes of another kind just fail to show.
 * @example imageMediaType("docs/logo.PNG") // "image/png"
 */
export function imageMediaType(path: string): string | null {
  const name = path.split("/").pop() ?? path;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? (IMAGE_TYPES[name.slice(dot + 1).toLowerCase()] ?? null) : null;
}
