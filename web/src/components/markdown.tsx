import { lazy, memo, Suspense, useDeferredValue, useMemo, useState } from "react";
import type { TextLog } from "../lib/text-log.ts";
import { BLOCKS_PER_CHUNK, MarkdownBlocks, withDefinitions, type OpenBlock } from "./markdown-blocks.ts";

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
      {blocks.map((block, index) => <MarkdownBlock key={index} text={withDefinitions(block, definitions)} />)}
      {open ? (
        <OpenBlockPieces key={`open-${blocks.length}`} open={open} definitions={definitions} />
      ) : tail ? (
        <MarkdownBlock key={blocks.length} text={withDefinitions(tail, definitions)} />
      ) : null}
    </div>
  );
});

/**
 * The open block of a streaming answer in pieces: each closed piece renders once; only the last one grows. Pieces sit
 * in groups like the closed blocks, so an open block of thousands of pieces costs one memo check per group.
 */
function OpenBlockPieces({ open, definitions }: { open: OpenBlock; definitions: string }) {
  const { pieces, fence, rest } = open;
  const count = pieces.reduce((sum, group) => sum + group.length, 0);
  return (
    <div className="md-open">
      {pieces.map((group, index) => <PieceGroup key={index} pieces={group} definitions={definitions} />)}
      {fence ? (
        <MarkdownBlock key={`fence-${count}`} fence={fence} />
      ) : rest ? (
        <MarkdownBlock key={`rest-${count}`} text={withDefinitions(rest, definitions)} />
      ) : null}
    </div>
  );
}

const PieceGroup = memo(function PieceGroup({ pieces, definitions }: { pieces: readonly string[]; definitions: string }) {
  return (
    <div className="md-piece-group">
      {pieces.map((piece, index) => <MarkdownBlock key={index} text={withDefinitions(piece, definitions)} />)}
    </div>
  );
});
