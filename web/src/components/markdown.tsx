import { lazy, memo, Suspense, useMemo, useRef } from "react";
import { blockTexts, splitMarkdownBlocks, type BlockSplit } from "./markdown-blocks.ts";

/** The parser and highlighter load on first use: most of the first screen needs neither. */
const MarkdownBlock = lazy(() => import("./markdown-renderer.tsx"));
/** From this many blocks on, blocks off screen are skipped by the browser (`.md-long` in index.css). */
const LONG_BLOCKS = 40;

/**
 * Markdown rendered block by block, styled by `.md` in index.css. Unchanged blocks keep their rendering, so a
 * streaming answer costs one block's parse per update whatever its length. Until the renderer has loaded the text
 * shows as plain wrapped text.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const split = useRef<BlockSplit | undefined>(undefined);
  const blocks = useMemo(() => {
    split.current = splitMarkdownBlocks(text, split.current);
    return blockTexts(split.current);
  }, [text]);
  return (
    <div className={blocks.length >= LONG_BLOCKS ? "md md-long" : "md"}>
      <Suspense fallback={<div className="whitespace-pre-wrap break-words">{text}</div>}>
        {blocks.map((block, index) => <MarkdownBlock key={index} text={block} />)}
      </Suspense>
    </div>
  );
});
