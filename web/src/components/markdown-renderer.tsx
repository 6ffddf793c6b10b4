import { memo, useRef, useState, type ComponentProps } from "react";
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";

/** A code block with a copy button (always visible: no hover-only controls on touch screens). */
function CodeBlock({ node: _node, children, ...props }: ComponentProps<"pre"> & { node?: unknown }) {
  const ref = useRef<HTMLPreElement>(null);
  const [isCopied, setIsCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(ref.current?.innerText ?? "").then(
      () => {
        setIsCopied(true);
        setTimeout(() => setIsCopied(false), 1500);
      },
      (error: unknown) => console.warn("chatml: copy failed", error),
    );
  };
  return (
    <div className="relative">
      <pre ref={ref} {...props}>{children}</pre>
      <button type="button" aria-label="Copy code" onClick={copy} className="absolute right-1 top-1 min-h-8 rounded-md bg-stone-700/80 px-2 text-xs text-white">
        {isCopied ? "Copied" : "Copy"}
      </button>
    </div>
  );
}

const components = {
  a: ({ node: _node, ...props }: ComponentProps<"a"> & { node?: unknown }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
  pre: CodeBlock,
};

/**
 * One markdown block, GitHub-flavoured (tables, task lists) with highlighted code. This module is the lazy chunk that
 * carries the markdown parser and highlighter; `markdown.tsx` loads it on first use.
 */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[[rehypeHighlight, { detect: false, ignoreMissing: true }]]} components={components}>
      {text}
    </ReactMarkdown>
  );
});

export default MarkdownBlock;
