import type { ChangeScope, FileDiffSides, SessionId } from "../../../../shared/index.ts";
import { DownloadLink } from "../../components/download-link.tsx";
import { sizesText } from "../../lib/format-bytes.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";

type Props = {
  file: { sessionId: SessionId; scope: ChangeScope; path: string; oldPath: string | null };
  isBinary: boolean;
  isDeleted: boolean;
  sizes: FileDiffSides["sizes"];
};

/**
 * Why there is no diff to show, what changed all the same (each side's size), and each side to download: as it was
 * before the change, and as it is on disk (a deleted file only as it was: there is nothing on disk then).
 */
export function NoTextDiff({ file, isBinary, isDeleted, sizes }: Props) {
  const name = file.path.split("/").pop();
  const hasBefore = sizes ? sizes.before !== null : isDeleted;
  return (
    <div className="flex flex-col items-start gap-2 p-2 text-sm text-stone-500">
      <p>{isBinary ? "Binary file; no text diff." : "This file is too large to show as a diff."}</p>
      {sizes ? <p data-testid="side-sizes" className="text-stone-700 dark:text-stone-300">{sizesText(sizes)}</p> : null}
      <div className="flex flex-wrap gap-2">
        {hasBefore ? (
          <DownloadLink href={workbenchApi.sideUrl(file.sessionId, file, "old", { isDownload: true })} label={isDeleted ? `Download ${name} as it was before it was deleted` : `Download ${name} as it was before the change`} />
        ) : null}
        {isDeleted ? null : <DownloadLink href={workbenchApi.downloadUrl(file.sessionId, file.path)} label={`Download ${name} as it is on disk`} />}
      </div>
    </div>
  );
}
