import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useMemo, useRef, useState, type ReactNode } from "react";
import { buildRows, openRuns, type DiffLine, type DiffRow } from "./diff-model.ts";
import { tokensOnLine, type SideTokens } from "./highlight.ts";
import { LineContent } from "./line-content.tsx";
import { useDiff } from "./use-diff.ts";

/** Which side a line number belongs to: the old text (`old`) or the new one (`new`). */
export type DiffSide = "old" | "new";
/** Something shown under a line (a review comment, the comment form). */
export type DiffAnnotation = { key: string; side: DiffSide; line: number; node: ReactNode };
/** Selected lines, e.g. for a review comment. */
export type DiffSelection = { side: DiffSide; start: number; end: number };

export type DiffViewerProps = {
  before: string;
  after: string;
  /** The file's path: picks the syntax highlighting. */
  path?: string;
  label?: string;
  mode?: "unified" | "split";
  /** Fill the parent's height (panels) instead of a capped height (timeline blocks). */
  isFilling?: boolean;
  selection?: DiffSelection | null;
  /** A line number was clicked (`isExtending` with Shift): the parent updates `selection`. */
  onLineClick?: (side: DiffSide, line: number, isExtending: boolean) => void;
  annotations?: DiffAnnotation[];
};

type Item = { kind: "row"; row: DiffRow } | { kind: "note"; annotation: DiffAnnotation };

/** A virtualized diff of two texts: unified or split, highlighted, with word changes and folded unchanged runs. */
export default function DiffViewer(props: DiffViewerProps) {
  const { before, after, path = "", mode = "unified", annotations = [] } = props;
  const computed = useDiff(before, after, path);
  const lines = useMemo(() => computed.lines ?? [], [computed.lines]);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const rows = useMemo(() => buildRows(lines, mode, openRuns(lines, annotations, expanded)), [lines, mode, expanded, annotations]);
  const items = useMemo(() => withAnnotations(rows, annotations), [rows, annotations]);
  const { tokens } = computed;
  const unterminated = useMemo<Unterminated>(() => ({ old: unterminatedLine(before), new: unterminatedLine(after) }), [before, after]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- used directly in this component, never memoized
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 20, overscan: 30, getItemKey: (i) => itemKey(items[i] as Item, i) });
  const expand = (foldId: number) => setExpanded((current) => new Set([...current, foldId]));
  const render = (item: Item) => {
    if (item.kind === "note") return <div className="border-y border-stone-200 bg-white p-2 font-sans dark:border-stone-700 dark:bg-stone-900">{item.annotation.node}</div>;
    const { row } = item;
    if (row.kind === "fold") return <FoldRow count={row.count} onExpand={() => expand(row.foldId)} />;
    if (row.kind === "line") return <UnifiedRow line={row.line} tokens={tokens} unterminated={unterminated} {...props} />;
    return <SplitRow left={row.left} right={row.right} tokens={tokens} unterminated={unterminated} {...props} />;
  };
  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label={props.label ?? "Diff"}
      data-testid="diff-viewer"
      className={`overflow-auto bg-stone-50 font-mono text-xs leading-5 dark:bg-stone-950 ${props.isFilling ? "h-full" : "max-h-96 rounded-md border border-stone-200 dark:border-stone-800"}`}
    >
      <DiffStatus lineCount={computed.lines?.length ?? null} error={computed.error} />
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((v) => (
          <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="absolute inset-x-0" style={{ transform: `translateY(${v.start}px)` }}>
            {render(items[v.index] as Item)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A note keeps its key when lines above it come or go (its form keeps its state); rows go by position. */
function itemKey(item: Item, index: number): string {
  return item.kind === "note" ? `note:${item.annotation.key}` : `row:${index}`;
}

function withAnnotations(rows: DiffRow[], annotations: DiffAnnotation[]): Item[] {
  if (annotations.length === 0) return rows.map((row) => ({ kind: "row", row }));
  const items: Item[] = [];
  const at = (side: DiffSide, line: number | null) => (line === null ? [] : annotations.filter((a) => a.side === side && a.line === line));
  for (const row of rows) {
    items.push({ kind: "row", row });
    const lines = row.kind === "line" ? [row.line] : row.kind === "pair" ? [row.left, row.right === row.left ? null : row.right] : [];
    for (const line of lines) {
      if (!line) continue;
      const found = line.kind === "del" ? at("old", line.oldNo) : line.kind === "add" ? at("new", line.newNo) : [...at("new", line.newNo), ...at("old", line.oldNo)];
      for (const annotation of found) items.push({ kind: "note", annotation });
    }
  }
  return items;
}

const TONE = { add: "bg-emerald-50 dark:bg-emerald-950/60", del: "bg-red-50 dark:bg-red-950/60", context: "" } as const;
const SIGN = { add: "+", del: "-", context: " " } as const;

function isSelected(selection: DiffSelection | null | undefined, side: DiffSide, line: number | null): boolean {
  return Boolean(selection && line !== null && selection.side === side && line >= selection.start && line <= selection.end);
}

// At the top of its line (self-start): a button stretched down a long wrapped line centres its number out of sight.
function LineNumber({ side, line, props }: { side: DiffSide; line: number | null; props: DiffViewerProps }) {
  if (line === null || !props.onLineClick) return <span data-testid="line-number" className="w-10 shrink-0 self-start pr-1 text-right text-stone-400 select-none">{line ?? ""}</span>;
  return (
    <button
      type="button"
      aria-label={`${side === "old" ? "Old" : "New"} line ${line}`}
      className="w-10 shrink-0 self-start pr-1 text-right text-stone-400 select-none hover:bg-sky-100 hover:text-sky-800 dark:hover:bg-sky-900"
      // A touch screen has no Shift: there a second tap takes in the lines up to it.
      onClick={(e) => props.onLineClick?.(side, line, e.shiftKey || (e.nativeEvent as PointerEvent).pointerType === "touch")}
    >
      {line}
    </button>
  );
}

// Memoized: scrolling re-renders the viewer, and only rows that come into view need rendering.
const UnifiedRow = memo(function UnifiedRow({ line, tokens, unterminated, ...props }: { line: DiffLine; tokens: SideTokens; unterminated: Unterminated } & DiffViewerProps) {
  const side: DiffSide = line.kind === "del" ? "old" : "new";
  const selected = isSelected(props.selection, side, side === "old" ? line.oldNo : line.newNo);
  const lineTokens = line.kind === "del" ? tokensOnLine(tokens.old, (line.oldNo ?? 0) - 1) : tokensOnLine(tokens.new, (line.newNo ?? 0) - 1);
  return (
    <div data-diff-line={line.kind} className={`flex ${selected ? "bg-sky-100 dark:bg-sky-900/60" : TONE[line.kind]}`}>
      <LineNumber side="old" line={line.oldNo} props={props} />
      <LineNumber side="new" line={line.newNo} props={props} />
      <span className="w-4 shrink-0 text-center text-stone-500 select-none">{SIGN[line.kind]}</span>
      <span className="min-w-0 flex-1 pr-2 break-all whitespace-pre-wrap">
        <LineContent text={line.text} tokens={lineTokens} words={line.words} tone={line.kind === "context" ? null : line.kind} />
        <NoFinalNewline line={line} unterminated={unterminated} />
      </span>
    </div>
  );
});

const SplitRow = memo(function SplitRow({ left, right, tokens, unterminated, ...props }: { left: DiffLine | null; right: DiffLine | null; tokens: SideTokens; unterminated: Unterminated } & DiffViewerProps) {
  const half = (line: DiffLine | null, side: DiffSide) => {
    const no = line ? (side === "old" ? line.oldNo : line.newNo) : null;
    const kind = line?.kind ?? "context";
    const lineTokens = line ? (side === "old" ? tokensOnLine(tokens.old, (line.oldNo ?? 0) - 1) : tokensOnLine(tokens.new, (line.newNo ?? 0) - 1)) : undefined;
    const selected = isSelected(props.selection, side, no);
    const tone = line ? TONE[kind] : "bg-stone-100 dark:bg-stone-900";
    return (
      <div data-diff-line={line ? kind : "empty"} className={`flex w-1/2 min-w-0 ${selected ? "bg-sky-100 dark:bg-sky-900/60" : tone}`}>
        <LineNumber side={side} line={no} props={props} />
        <span className="min-w-0 flex-1 pr-2 pl-1 break-all whitespace-pre-wrap">
          {line ? <LineContent text={line.text} tokens={lineTokens} words={line.words} tone={kind === "context" ? null : kind} /> : null}
          {line ? <NoFinalNewline line={line} unterminated={unterminated} /> : null}
        </span>
      </div>
    );
  };
  return (
    <div className="flex divide-x divide-stone-200 dark:divide-stone-800">
      {half(left, "old")}
      {half(right, "new")}
    </div>
  );
});

/** The number of each side's last line when no newline ends it (null when one does, or the side is empty). */
type Unterminated = Record<DiffSide, number | null>;

function unterminatedLine(text: string): number | null {
  if (text === "" || text.endsWith("\n")) return null;
  let count = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/** Says so on a changed last line that lacks its newline: the change may be that newline alone, which shows no other way. */
function NoFinalNewline({ line, unterminated }: { line: DiffLine; unterminated: Unterminated }) {
  const isUnterminated = (line.kind === "del" && line.oldNo === unterminated.old) || (line.kind === "add" && line.newNo === unterminated.new);
  return isUnterminated ? <span className="ml-2 font-sans text-[10px] text-stone-500 select-none">no newline at end of file</span> : null;
}

/** What the viewer says above its rows: no differences, still comparing a large diff, or why it could not. */
function DiffStatus({ lineCount, error }: { lineCount: number | null; error: string | null }) {
  if (error) return <p role="alert" className="p-2 font-sans text-red-700 dark:text-red-400">{error}</p>;
  if (lineCount === null) return <p role="status" className="p-2 font-sans text-stone-500">Comparing the two versions…</p>;
  return lineCount === 0 ? <p className="p-2 font-sans text-stone-500">No differences.</p> : null;
}

function FoldRow({ count, onExpand }: { count: number; onExpand: () => void }) {
  return (
    <button type="button" onClick={onExpand} className="min-h-8 w-full bg-sky-50 px-2 text-left font-sans text-xs text-sky-800 hover:bg-sky-100 dark:bg-sky-950 dark:text-sky-200">
      Show {count} unchanged {count === 1 ? "line" : "lines"}
    </button>
  );
}
