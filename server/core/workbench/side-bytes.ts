import { readFileSync, readlinkSync } from "node:fs";
import type { FileDiffSides, ImageSide } from "../../../shared/api/workbench.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import { blobSizeAtRevision, readBytesAtRevision, TOO_LARGE } from "../../git/changes.ts";
import { imageMediaType } from "./image-types.ts";
import { confineEntry, statIfPresent } from "./worktree-paths.ts";

/** The largest side served as bytes (an image to preview, a deleted file to download): it is read into memory. */
export const MAX_SIDE_BYTES = 20 * 1024 * 1024;

/** Where a side of a diff is read: a tree-ish, or the work tree when `rev` is null; `path` is confined to the worktree. */
export type SideSource = { rev: string | null; path: string };

/** A side whose blob size may be known already: null when there is no blob, undefined when not known. */
type SizedSource = SideSource & { size?: number | null };

/**
 * The image sides of a changed file (see FileDiffSides.images), or null when neither side's name is an image's. A
 * side's size is asked of git only when its read did not tell it (over the diff's limit).
 */
export async function imageSides(root: string, before: SizedSource, after: SizedSource): Promise<FileDiffSides["images"]> {
  const [old, current] = await Promise.all([imageSide(root, before), imageSide(root, after)]);
  const isImage = imageMediaType(before.path) !== null || imageMediaType(after.path) !== null;
  // A picture too large to serve gets no preview: the diff says what it says of any binary file.
  const isServable = [old, current].every((side) => side === null || side.size <= MAX_SIDE_BYTES);
  return isImage && isServable ? { before: old, after: current } : null;
}

async function imageSide(root: string, source: SizedSource): Promise<ImageSide | null> {
  const mediaType = imageMediaType(source.path);
  if (mediaType === null) return null;
  const size = await sideSize(root, source);
  return size === null ? null : { mediaType, size };
}

/** A side's size in bytes, null when the file is not there; git is asked only when its read did not tell it. */
export async function sideSize(root: string, source: SizedSource): Promise<number | null> {
  if (source.rev === null) return workingFileSize(root, source.path);
  return source.size !== undefined ? source.size : blobSizeAtRevision(root, source.rev, source.path);
}

function workingFileSize(root: string, path: string): number | null {
  const stat = statIfPresent(confineEntry(root, path).absolute, true);
  return stat?.isFile() ? stat.size : null;
}

/**
 * The bytes of one side of a changed file, as git records them (a symbolic link is its target's name), confined to
 * the worktree; `not_found` when the file is not on that side, `payload_too_large` over {@link MAX_SIDE_BYTES}.
 */
export async function readSideBytes(root: string, source: SideSource, sideName: string): Promise<Uint8Array> {
  const bytes = source.rev === null ? readWorkingBytes(root, source.path) : await readBytesAtRevision(root, source.rev, source.path, MAX_SIDE_BYTES);
  if (bytes === TOO_LARGE) throw new AppError("payload_too_large", `${source.path} is larger than ${MAX_SIDE_BYTES / 1024 / 1024} MB ${sideName}; open it from a terminal.`, { path: source.path });
  if (bytes === null) throw new AppError("not_found", `${source.path} does not exist ${sideName}.`, { path: source.path });
  return bytes;
}

function readWorkingBytes(root: string, path: string): Uint8Array | null | typeof TOO_LARGE {
  const { absolute } = confineEntry(root, path);
  const stat = statIfPresent(absolute, true);
  if (stat?.isSymbolicLink()) return new TextEncoder().encode(readlinkSync(absolute, "utf8"));
  if (!stat?.isFile()) return null;
  return stat.size > MAX_SIDE_BYTES ? TOO_LARGE : readFileSync(absolute);
}
