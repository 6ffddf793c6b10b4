import { isValidElement, memo, useRef, useState, type ComponentProps, type ReactNode } from "react";
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";

/**
 * A code block in one frame: a slim header with its language and Copy (always visible: no hover-only controls on
 * touch screens), then the code — the button never covers it.
 */
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
    <div className="code-frame" data-testid="code-block">
      <div className="flex items-center justify-between gap-2 border-b border-white/10 pl-3 text-[11px] text-stone-400">
        <span className="font-mono">{codeLanguage(children)}</span>
        <button type="button" aria-label="Copy code" onClick={copy} className="min-h-11 px-3 text-xs text-stone-300 hover:text-white md:min-h-8">
          {isCopied ? "Copied" : "Copy"}
        </button>
      </div>
      <pre ref={ref} {...props}>{children}</pre>
    </div>
  );
}

/** The fence's language (`language-ts` on the inner code element), or empty. */
function codeLanguage(children: ReactNode): string {
  if (!isValidElement<{ className?: string }>(children)) return "";
  return /language-([\w+-]+)/.exec(children.props.className ?? "")?.[1] ?? "";
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
