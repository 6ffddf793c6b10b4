import { lazy, memo, Suspense, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { TextLog } from "../lib/text-log.ts";
import { BLOCKS_PER_CHUNK, MarkdownBlocks, piecesOf, WHOLE_BLOCK_CHARS, withDefinitions, type OpenBlock } from "./markdown-blocks.ts";

/** The parser and highlighter load on first use: most of the first screen needs neither. */
const MarkdownBlock = lazy(() => import("./markdown-renderer.tsx"));

/**
 * Markdown rendered block by block, styled by `.md` in index.css. Finished blocks sit in chunks (BLOCKS_PER_CHUNK) that keep
 * their rendering (a full chunk is never rendered again), and only the open last block is parsed again as it grows,
 * so a streaming answer costs the same per update however long it is. While `isStreaming`, a long open block shows in
 * pieces that never render again (ADR 0037): work per update does not grow with that block either; once the stream
 * ends it renders whole. An answer of two chunks or more gets `.md-long`: chunks off screen skip style, layout and
 * paint. Until the renderer has loaded the text shows plain. `textLog` (a streamed text's deltas) lets an update read
 * only the new deltas instead of the whole text.
 */
export const Markdown = memo(function Markdown({ text, isStreaming = false, textLog }: { text: string; isStreaming?: boolean; textLog?: TextLog }) {
  // One split per rendered text, kept across renders (it is incremental: each update reads only what is new).
  const [split] = useState(() => new MarkdownBlocks());
  // When the stream ends, the page first shows the final text as it streamed (pieces), then renders the open block
  // whole in a later render: the end of the answer is on screen before that one long parse and highlight.
  const isShownStreaming = useDeferredValue(isStreaming);
  const { chunks, tail, openInPieces, definitions } = useMemo(() => {
    const { chunks: closed, tail: open, pieces, definitions: seen } = split.updateFrom(text, textLog).view(isShownStreaming);
    return { chunks: closed, tail: open, openInPieces: pieces, definitions: seen };
  }, [split, text, isShownStreaming, textLog]);
  // The chunk the open block belongs to: the last one while it fills, a new one once the last is full.
  const openChunk = chunks.length > 0 && (chunks.at(-1) as readonly string[]).length < BLOCKS_PER_CHUNK ? chunks.length - 1 : chunks.length;
  return (
    <div className={openChunk > 0 ? "md md-long" : "md"}>
      <Suspense fallback={<div className="whitespace-pre-wrap break-words">{text}</div>}>
        {chunks.slice(0, openChunk).map((blocks, index) => <MarkdownChunk key={index} blocks={blocks} tail={null} open={null} definitions={definitions} />)}
        <MarkdownChunk key={openChunk} blocks={chunks[openChunk] ?? NO_BLOCKS} tail={tail} open={openInPieces} definitions={definitions} />
      </Suspense>
    </div>
  );
});

const NO_BLOCKS: readonly string[] = [];

type ChunkProps = { blocks: readonly string[]; tail: string | null; open: OpenBlock | null; definitions: string };

/**
 * A chunk of blocks; a full one's props never change (but for a new link reference definition in the text), so memo
 * keeps it out of every later render.
 */
const MarkdownChunk = memo(function MarkdownChunk({ blocks, tail, open, definitions }: ChunkProps) {
  return (
    <div className="md-chunk">
      {blocks.map((block, index) => <Block key={index} text={block} open={null} definitions={definitions} />)}
      {open || tail ? <Block key={blocks.length} text={tail ?? ""} open={open} definitions={definitions} /> : null}
    </div>
  );
});

/**
 * One block: the open one of a streaming answer in pieces (`open`), a long one (WHOLE_BLOCK_CHARS) in the same pieces
 * for good, else whole. The open block and the block it becomes have the same key and element types, so closing a long
 * block (or ending the stream) keeps the pieces already formatted instead of parsing the block whole (ADR 0044).
 */
function Block({ text, open, definitions }: { text: string; open: OpenBlock | null; definitions: string }) {
  const isLong = open === null && text.length >= WHOLE_BLOCK_CHARS;
  const closed = useMemo(() => (isLong ? piecesOf(text) : null), [isLong, text]);
  const pieces = open ?? closed;
  return pieces ? <BlockPieces pieces={pieces} isOpen={open !== null} definitions={definitions} /> : <MarkdownBlock text={withDefinitions(text, definitions)} />;
}

/**
 * A block in pieces: each closed piece renders once; only the last one grows while it streams. Pieces sit in groups
 * like the closed blocks, so a block of thousands of pieces costs one memo check per group.
 */
function BlockPieces({ pieces: block, isOpen, definitions }: { pieces: OpenBlock; isOpen: boolean; definitions: string }) {
  const { pieces, fence, rest } = block;
  const count = pieces.reduce((sum, group) => sum + group.length, 0);
  return (
    <div className={isOpen ? "md-pieces md-open" : "md-pieces"}>
      {pieces.map((group, index) => <PieceGroup key={index} pieces={group} definitions={definitions} />)}
      {fence ? (
        <MarkdownBlock key={`fence-${count}`} fence={{ ...fence, isOpen }} />
      ) : rest ? (
        <MarkdownBlock key={`rest-${count}`} text={withDefinitions(rest, definitions)} />
      ) : null}
    </div>
  );
}

/**
 * A group of closed pieces. A full group never renders again; once full it is measured and gets `.md-piece-group-done`
 * (index.css): off screen it skips style, layout and paint, keeping the height it was measured at, so a frame's work
 * does not grow with the number of pieces above it and nothing shows blank or moves (ADR 0044). The group still
 * filling is laid out normally.
 */
const PieceGroup = memo(function PieceGroup({ pieces, definitions }: { pieces: readonly string[]; definitions: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const isFull = pieces.length >= BLOCKS_PER_CHUNK;
  useLayoutEffect(() => {
    const group = ref.current;
    if (isFull && group) markDone(group);
  }, [isFull]);
  return (
    <div ref={ref} className="md-piece-group">
      {pieces.map((piece, index) => <MarkdownBlock key={index} text={withDefinitions(piece, definitions)} />)}
    </div>
  );
});

/**
 * Contains a finished group: its placeholder size is the height it has now (measured, so a skipped group takes exactly
 * the room it took on screen), then `content-visibility: auto` applies and the browser keeps its last size itself.
 */
export function markDone(group: HTMLElement): void {
  group.style.containIntrinsicSize = `auto ${Math.ceil(group.getBoundingClientRect().height)}px`;
  group.classList.add("md-piece-group-done");
}
