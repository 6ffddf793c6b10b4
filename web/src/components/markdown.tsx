import { lazy, memo, Suspense, useMemo, useRef } from "react";
import { BLOCKS_PER_CHUNK, MarkdownBlocks } from "./markdown-blocks.ts";

/** The parser and highlighter load on first use: most of the first screen needs neither. */
const MarkdownBlock = lazy(() => import("./markdown-renderer.tsx"));

/**
 * Markdown rendered block by block, styled by `.md` in index.css. Finished blocks sit in chunks (BLOCKS_PER_CHUNK) that keep
 * their rendering (a full chunk is never rendered again), and only the open last block is parsed again as it grows,
 * so a streaming answer costs the same per update however long it is. An answer of two chunks or more gets
 * `.md-long`: chunks off screen skip style, layout and paint. Until the renderer has loaded the text shows plain.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const split = useRef<MarkdownBlocks | null>(null);
  const { chunks, tail } = useMemo(() => {
    split.current ??= new MarkdownBlocks();
    const { chunks: closed, tail: open } = split.current.update(text);
    return { chunks: closed, tail: open };
  }, [text]);
  // The chunk the open block belongs to: the last one while it fills, a new one once the last is full.
  const openChunk = chunks.length > 0 && (chunks.at(-1) as readonly string[]).length < BLOCKS_PER_CHUNK ? chunks.length - 1 : chunks.length;
  return (
    <div className={openChunk > 0 ? "md md-long" : "md"}>
      <Suspense fallback={<div className="whitespace-pre-wrap break-words">{text}</div>}>
        {chunks.slice(0, openChunk).map((blocks, index) => <MarkdownChunk key={index} blocks={blocks} tail={null} />)}
        <MarkdownChunk key={openChunk} blocks={chunks[openChunk] ?? NO_BLOCKS} tail={tail} />
      </Suspense>
    </div>
  );
});

const NO_BLOCKS: readonly string[] = [];

/** A chunk of blocks; a full one's props never change, so memo keeps it out of every later render. */
const MarkdownChunk = memo(function MarkdownChunk({ blocks, tail }: { blocks: readonly string[]; tail: string | null }) {
  return (
    <div className="md-chunk">
      {blocks.map((block, index) => <MarkdownBlock key={index} text={block} />)}
      {tail ? <MarkdownBlock key={blocks.length} text={tail} /> : null}
    </div>
  );
});
