import type { ChangeScope, CommentSide, FileDiffSides, ImageSide, SessionId } from "../../../../shared/index.ts";
import { formatBytes } from "../../lib/format-bytes.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";

type ImageFile = { sessionId: SessionId; scope: ChangeScope; path: string; oldPath: string | null; revision: number };

/**
 * A changed image as pictures: before and after side by side (stacked where the panel is narrow), or the one that
 * exists when it was added or deleted. Each can be downloaded as it is on its side.
 */
export function ImageDiff({ file, images }: { file: ImageFile; images: NonNullable<FileDiffSides["images"]> }) {
  const sides = [
    { side: "old" as const, image: images.before, label: images.after ? "Before" : "Deleted" },
    { side: "new" as const, image: images.after, label: images.before ? "After" : "Added" },
  ].filter((entry): entry is { side: CommentSide; image: ImageSide; label: string } => entry.image !== null);
  return (
    <div role="group" aria-label={`Images of ${file.path}`} className="@container p-2">
      <div className={`grid gap-2 ${sides.length > 1 ? "@sm:grid-cols-2" : ""}`}>
        {sides.map(({ side, image, label }) => (
          <SidePicture key={side} file={file} side={side} image={image} label={label} />
        ))}
      </div>
    </div>
  );
}

function SidePicture({ file, side, image, label }: { file: ImageFile; side: CommentSide; image: ImageSide; label: string }) {
  const name = ((side === "old" ? file.oldPath : null) ?? file.path).split("/").pop();
  const when = side === "old" ? "as it was before the change" : "as it is after the change";
  return (
    <figure className="flex min-w-0 flex-col gap-1 rounded-md border border-stone-200 p-2 dark:border-stone-800">
      <figcaption className="flex flex-wrap items-center gap-x-2 text-xs text-stone-600 dark:text-stone-400">
        <span className={`font-semibold ${side === "old" ? "text-red-700 dark:text-red-400" : "text-green-700 dark:text-green-400"}`}>{label}</span>
        <span>{formatBytes(image.size)}</span>
        <a href={workbenchApi.sideUrl(file.sessionId, file, side, { isDownload: true })} download aria-label={`Download ${name} ${when}`} className="ml-auto inline-flex min-h-11 items-center underline mouse:min-h-8">
          Download
        </a>
      </figcaption>
      {/* A checkerboard shows where the picture is transparent. */}
      <div className="flex min-h-24 items-center justify-center rounded bg-[conic-gradient(#e7e5e4_25%,#fff_0_50%,#e7e5e4_0_75%,#fff_0)] bg-[length:16px_16px] dark:bg-[conic-gradient(#292524_25%,#1c1917_0_50%,#292524_0_75%,#1c1917_0)]">
        <img loading="lazy" decoding="async" src={workbenchApi.sideUrl(file.sessionId, file, side, { revision: file.revision })} alt={`${name} ${when}`} className="max-h-80 max-w-full object-contain" />
      </div>
    </figure>
  );
}
