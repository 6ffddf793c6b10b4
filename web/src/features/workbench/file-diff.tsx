import { useEffect, useMemo, useState } from "react";
import { reanchor, type ChangeScope, type FileDiffSides, type ReviewComment, type SessionId } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { LazyDiffViewer, type DiffAnnotation, type DiffSelection, type DiffSide } from "../diff/index.ts";
import { errorMessage } from "../../lib/http.ts";
import { DESKTOP_QUERY, useMediaQuery } from "../../lib/use-media-query.ts";
import { workbenchApi } from "../../lib/workbench-api.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useWorkbenchRevision } from "../../stores/workbench-store.ts";
import { CommentCard, CommentForm, hasDraft, type CommentTarget } from "../review/index.ts";
import { ImageDiff } from "./image-diff.tsx";
import { LineRangePicker } from "./line-range-picker.tsx";
import { NoTextDiff } from "./no-text-diff.tsx";

export type FileDiffProps = {
  sessionId: SessionId;
  path: string;
  oldPath: string | null;
  scope: ChangeScope;
  mode: "unified" | "split";
  comments: ReviewComment[];
  isFilling?: boolean;
};

/** One changed file's diff, live, where selecting line numbers leaves a review comment. */
export function FileDiff(props: FileDiffProps) {
  return <LoadedFileDiff {...props} loaded={useFileSides(props.sessionId, props.scope, props.path, props.oldPath)} />;
}

/** A changed file's sides as last loaded (see useFileSides). */
export type LoadedSides = { sides: FileDiffSides | null; error: string | null; loadedAt: number };

/** A text file empty (or absent) on both sides: a new empty file, say, which the viewer called "No differences.". */
const isEmptyOnBothSides = (sides: FileDiffSides): boolean => !sides.isBinary && !sides.isTooLarge && !sides.before && !sides.after;

/** A file moved without a line changed: its diff is all folded context, which alone read as nothing at all. */
const isPureRename = (sides: FileDiffSides): boolean => sides.oldPath !== null && sides.before === sides.after;

/** Whether these sides show as lines, where the unified/split layout and line comments mean something. */
export const hasTextDiff = (sides: FileDiffSides): boolean => !sides.isBinary && !sides.isTooLarge && !isEmptyOnBothSides(sides);

/** What changed in a file that has no lines on either side. */
function EmptyFileNote({ sides }: { sides: FileDiffSides }) {
  const text =
    sides.before === null ? "A new, empty file." : sides.after === null ? "An empty file, deleted." : sides.oldPath ? `An empty file, renamed from ${sides.oldPath}.` : "Empty before and after: no line changed (its mode may have).";
  return <p className="p-2 text-sm text-stone-500">{text}</p>;
}

/** FileDiff with its sides loaded by the caller, who needs to know what they are (useFileSides). */
export function LoadedFileDiff({ sessionId, path, oldPath, scope, mode, comments, isFilling, loaded }: FileDiffProps & { loaded: LoadedSides }) {
  const { sides, error, loadedAt } = loaded;
  const [picked, setPicked] = useState<PickedLines | null>(null);
  const selection = useMemo(() => followPicked(picked, sides), [picked, sides]);
  const pickLines = (side: DiffSide, start: number, end: number) => setPicked({ side, start, end, anchorText: linesOf(sideText(sides, side), start, end) });
  // Lines typed into the phone's picker get their comment form right under it, not somewhere down the diff.
  const [isPicked, setIsPicked] = useState(false);
  // On a phone the line numbers are text, not 20 px tall buttons a finger misses: "Comment on lines…" picks them there.
  const isDesktop = useMediaQuery(DESKTOP_QUERY);
  const onLineClick = (side: DiffSide, line: number, isExtending: boolean) => {
    setIsPicked(false);
    if (isExtending && selection?.side === side) pickLines(side, Math.min(selection.start, line), Math.max(selection.end, line));
    else pickLines(side, line, line);
  };
  const annotations = useMemo<DiffAnnotation[]>(() => {
    const notes: DiffAnnotation[] = comments
      // A comment resolved on another device stays while this one has words for it (an edit, a reply) unsaved.
      .filter((c) => c.path === path && c.replyTo === null && (!c.isResolved || hasDraft(sessionId, c.id)))
      .flatMap((c) => {
        const line = c.side === "new" ? c.endLine : oldSideLine(c, sides?.before ?? null);
        const replies = comments.filter((r) => r.replyTo === c.id);
        return line === null ? [] : [{ key: c.id, side: c.side, line, node: <CommentCard sessionId={sessionId} comment={c} replies={replies} /> }];
      });
    if (selection && picked && !isPicked) {
      const target = { path, ...(oldPath ? { oldPath } : {}), side: selection.side, scope, startLine: selection.start, endLine: selection.end };
      notes.push({ key: "form", side: selection.side, line: selection.end, node: commentForm(sessionId, target, draftKeyOf(picked), () => setPicked(null)) });
    }
    return notes;
  }, [comments, path, oldPath, selection, picked, isPicked, sessionId, scope, sides]);
  if (error) return <ErrorText message={error} className="p-2" />;
  if (!sides) return <p className="p-2 text-xs text-stone-500">Loading {path}…</p>;
  const imageFile = { sessionId, scope, path, oldPath, revision: loadedAt };
  const images = sides.images ? <ImageDiff file={imageFile} images={sides.images} /> : null;
  if (isEmptyOnBothSides(sides)) return <EmptyFileNote sides={sides} />;
  if (!hasTextDiff(sides)) return images ?? <NoTextDiff file={imageFile} isBinary={sides.isBinary} isDeleted={sides.isDeleted} sizes={sides.sizes} />;
  const lineCounts = { old: countLines(sides.before), new: countLines(sides.after) };
  const pick = (side: DiffSide, start: number, end: number) => {
    setIsPicked(true);
    pickLines(side, start, end);
  };
  return (
    <div className={isFilling ? "flex h-full min-h-0 flex-col" : ""}>
      {isFilling ? <p className="hidden px-2 py-1 text-xs text-stone-500 md:block">Click a line number to comment; Shift-click another (on a touch screen, tap another) to take in the lines between.</p> : null}
      {images}
      {sides.encoding === "windows-1252" ? <p className="px-2 py-1 text-sm text-stone-500">Shown as Windows-1252: this file is not UTF-8.</p> : null}
      {isPureRename(sides) ? <p className="px-2 py-1 text-sm text-stone-500">Renamed from {sides.oldPath}; no line changed.</p> : null}
      <LineRangePicker lineCounts={lineCounts} onPick={pick} />
      {selection && picked && isPicked ? (
        <div className="border-b border-stone-200 p-2 md:hidden dark:border-stone-800">{commentForm(sessionId, { path, ...(oldPath ? { oldPath } : {}), side: selection.side, scope, startLine: selection.start, endLine: selection.end }, draftKeyOf(picked), () => setPicked(null))}</div>
      ) : null}
      <div className={isFilling ? "min-h-0 flex-1" : ""}>
        <LazyDiffViewer
          label={`Diff of ${path}`}
          path={path}
          before={sides.before ?? ""}
          after={sides.after ?? ""}
          mode={mode}
          isFilling={isFilling}
          selection={selection}
          onLineClick={isDesktop ? onLineClick : undefined}
          annotations={annotations}
        />
      </div>
    </div>
  );
}

function commentForm(sessionId: SessionId, target: CommentTarget, draftKey: string, onDone: () => void) {
  return <CommentForm key={draftKey} draftKey={draftKey} sessionId={sessionId} target={target} onDone={onDone} />;
}

/** Lines picked for a comment, as numbered when picked, with their text then. */
type PickedLines = DiffSelection & { anchorText: string };

const sideText = (sides: FileDiffSides | null, side: DiffSide): string | null => (side === "new" ? sides?.after : sides?.before) ?? null;
const linesOf = (text: string | null, start: number, end: number): string => (text ?? "").split("\n").slice(start - 1, end).join("\n");
/** The words of a comment being written are kept under the lines as picked: they stay with it when those lines move. */
const draftKeyOf = (picked: PickedLines): string => `${picked.side}.${picked.start}-${picked.end}`;

/**
 * Where the picked lines are now: Claude (or the user) may have added or removed lines above them since, and the form
 * must stay on the text it is about. Lines whose text is gone stay where they were picked.
 */
function followPicked(picked: PickedLines | null, sides: FileDiffSides | null): DiffSelection | null {
  if (!picked) return null;
  const text = sideText(sides, picked.side);
  const at = text === null ? null : reanchor(text, { startLine: picked.start, endLine: picked.end, anchorText: picked.anchorText });
  return !at || at.isOutdated ? { side: picked.side, start: picked.start, end: picked.end } : { side: picked.side, start: at.startLine, end: at.endLine };
}

function countLines(text: string | null): number {
  if (!text) return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

/**
 * Where an old-side comment goes in this diff: its lines are followed by their text through this scope's old version
 * (the base, HEAD or the turn's start, whichever it was made on); null when that text is not in it.
 */
function oldSideLine(comment: ReviewComment, before: string | null): number | null {
  if (before === null) return null;
  const anchor = reanchor(before, comment);
  return anchor.isOutdated ? null : anchor.endLine;
}

/** A changed file's two sides, fetched again whenever the session's files or git state change. */
export function useFileSides(sessionId: SessionId, scope: ChangeScope, path: string, oldPath: string | null): LoadedSides {
  // When the sides were loaded: an image's URL changes with it, so a picture changed on disk is fetched again.
  const [state, setState] = useState<LoadedSides>({ sides: null, error: null, loadedAt: 0 });
  const checkedAt = useConversationsStore((s) => s.sessions[sessionId]?.git?.checkedAt ?? 0);
  const files = useWorkbenchRevision(sessionId, "files");
  useEffect(() => {
    let isCurrent = true;
    workbenchApi.sides(sessionId, scope, path, oldPath).then(
      (r) => isCurrent && setState({ sides: r.sides, error: null, loadedAt: Date.now() }),
      (e: unknown) => isCurrent && setState({ sides: null, error: errorMessage(e), loadedAt: 0 }),
    );
    return () => {
      isCurrent = false;
    };
  }, [sessionId, scope, path, oldPath, checkedAt, files]);
  return state;
}
