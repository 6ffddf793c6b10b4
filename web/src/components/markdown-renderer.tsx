import { Children, isValidElement, memo, useEffect, useMemo, useReducer, useRef, type ComponentProps, type ReactNode } from "react";
import renderMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { useCopy } from "../lib/use-copied-moment.ts";
import { CopiedStatus } from "./copied-status.tsx";
import { formatBudget } from "./format-budget.ts";
import { fenceChunks, WHOLE_BLOCK_CHARS } from "./markdown-blocks.ts";

/**
 * A code block in one frame: a slim header with its language and Copy (always visible: no hover-only controls on
 * touch screens), then the code — the button never covers it.
 */
function CodeBlock({ node: _node, children, ...props }: ComponentProps<"pre"> & { node?: unknown }) {
  return (
    <CodeFrame language={codeLanguage(children)} preProps={props}>
      {children}
    </CodeFrame>
  );
}

function CodeFrame({ language, preProps, children }: { language: string; preProps?: ComponentProps<"pre">; children: ReactNode }) {
  const ref = useRef<HTMLPreElement>(null);
  // Where the browser gives the page no clipboard (a plain-HTTP LAN address), a tap did nothing: it says why instead.
  const { isCopied, problem, copy } = useCopy();
  return (
    <div className="code-frame" data-testid="code-block">
      <div className="flex items-center justify-between gap-2 border-b border-white/10 pl-3 text-[11px] text-stone-400">
        <span className="font-mono">{language}</span>
        <button type="button" aria-label="Copy code" onClick={() => copy(ref.current?.innerText ?? "")} className="min-h-11 px-3 text-xs text-stone-300 hover:text-white mouse:min-h-8">
          {isCopied ? "Copied" : "Copy"}
        </button>
        <CopiedStatus isCopied={isCopied} />
      </div>
      {problem ? (
        <p role="alert" className="border-b border-white/10 px-3 py-1 text-xs text-amber-200">
          {problem}
        </p>
      ) : null}
      <pre ref={ref} {...preProps}>{children}</pre>
    </div>
  );
}

/** The fence's language (`language-ts` on the inner code element), or empty. */
function codeLanguage(children: ReactNode): string {
  if (!isValidElement<{ className?: string }>(children)) return "";
  return /language-([\w+-]+)/.exec(children.props.className ?? "")?.[1] ?? "";
}

/**
 * A numbered list makes room for its widest number: the stylesheet's indent fits "99.", so a list running into the
 * hundreds or thousands would show its numbers cut off at the left edge (at 390 px there is no margin to spill into).
 */
function OrderedList({ node: _node, start, style, children, ...props }: ComponentProps<"ol"> & { node?: unknown }) {
  const items = Children.toArray(children).filter(isValidElement).length;
  const digits = String((start ?? 1) + Math.max(0, items - 1)).length;
  const indent = digits > 2 ? { ...style, paddingLeft: `calc(${digits + 1}ch + 0.5rem)` } : style;
  return (
    <ol start={start} style={indent} {...props}>
      {children}
    </ol>
  );
}

const components = {
  a: ({ node: _node, ...props }: ComponentProps<"a"> & { node?: unknown }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
  ol: OrderedList,
  pre: CodeBlock,
};

/**
 * The highlighter, made once: react-markdown sets its plugins up again on every render, and rehype-highlight makes a
 * new highlighter each time it is set up (registering every language and compiling each grammar on first use), which
 * cost milliseconds per block on every update of a streaming answer. This plugin hands out the one transformer.
 */
const highlight = rehypeHighlight({ detect: false });
const sharedHighlight = () => highlight;
const REMARK_PLUGINS = [remarkGfm];
const REHYPE_PLUGINS = [sharedHighlight];

/**
 * One markdown block, GitHub-flavoured (tables, task lists) with highlighted code. This module is the lazy chunk that
 * carries the markdown parser and highlighter; `markdown.tsx` loads it on first use. Formatting shares the page's
 * budget (format-budget.ts): a block that finds it spent shows its text plain and is formatted when the page is idle.
 */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  // A long code block is highlighted in chunks of lines, each within the budget, as it was while it streamed (ADR 0044).
  const fence = useMemo(() => (text.length >= WHOLE_BLOCK_CHARS ? fenceChunks(text) : null), [text]);
  return fence ? <StreamingFence {...fence} isOpen={false} /> : <WholeBlock text={text} />;
});

function WholeBlock({ text }: { text: string }) {
  const [attempt, retry] = useReducer((n: number) => n + 1, 0);
  const formatted = useFormatted(text, attempt);
  // Each attempt that finds the budget spent waits again (an idle slot can wake more blocks than one budget formats).
  useEffect(() => (formatted === null ? formatBudget.whenIdle(text.length, retry) : undefined), [formatted, text, attempt]);
  return formatted ?? <div className="whitespace-pre-wrap break-words">{text}</div>;
}

/** The block's elements if the budget allows formatting now, else null (tried again on the next attempt). */
function useFormatted(text: string, attempt: number, parts: Components = components, isWanted = true): ReactNode | null {
  return useMemo(() => {
    void attempt;
    if (!isWanted) return null;
    // react-markdown's component is a plain function (no hooks): called here so its cost is counted.
    return formatBudget.tryFormat(() => renderMarkdown({ children: text, remarkPlugins: REMARK_PLUGINS, rehypePlugins: REHYPE_PLUGINS, components: parts }));
  }, [text, attempt, parts, isWanted]);
}

/** Renders a fence's code as its highlighted spans only (no frame, no pre, no code element). */
const codeOnly: Components = {
  ...components,
  pre: ({ children }: { children?: ReactNode }) => <>{children}</>,
  code: ({ children }: { children?: ReactNode }) => <>{children}</>,
};

/**
 * Closed lines of a fence that is still being written, highlighted on their own once (within the format budget; plain
 * until then). A construct spanning two chunks (a block comment) may colour differently until the fence is rendered
 * whole.
 */
const CodeLines = memo(function CodeLines({ opener, marks, lines }: { opener: string; marks: string; lines: string }) {
  const [attempt, retry] = useReducer((n: number) => n + 1, 0);
  const source = `${opener}\n${lines}${marks}`;
  const cached = highlightedLines.get(source);
  const formatted = useFormatted(source, attempt, codeOnly, cached === undefined);
  useEffect(() => {
    if (formatted !== null && cached === undefined) highlightedLines.set(source, formatted);
  }, [formatted, cached, source]);
  useEffect(() => (formatted === null && cached === undefined ? formatBudget.whenIdle(lines.length, retry) : undefined), [formatted, cached, lines, attempt]);
  return cached ?? formatted ?? lines;
});

/**
 * Highlighted chunks of code lines by their source, kept so that a fence that closed (or an answer that ended) shows
 * its chunks coloured at once instead of highlighting each again (ADR 0044). Oldest out past HIGHLIGHTED_CHARS.
 */
const HIGHLIGHTED_CHARS = 4 * 1024 * 1024;
const highlightedLines = {
  entries: new Map<string, ReactNode>(),
  chars: 0,
  get(source: string): ReactNode | undefined {
    return this.entries.get(source);
  },
  set(source: string, node: ReactNode): void {
    if (this.entries.has(source)) return;
    this.entries.set(source, node);
    this.chars += source.length;
    for (const [oldest] of this.entries) {
      if (this.chars <= HIGHLIGHTED_CHARS) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  },
};

/**
 * A code fence still being written (ADR 0037): its closed chunks of lines, each highlighted once, then the lines still
 * growing as plain text, so a frame's work does not grow with the fence. The code element and each chunk are blocks:
 * the browser lays out again only the last chunk, not one inline run of every line (which cost seconds per frame at
 * 1 MiB). The page renders the whole fence (one
 * highlighting pass) once it closes or the answer ends.
 */
type StreamingFenceProps = { opener: string; chunks: readonly (readonly string[])[]; tail: string; isOpen: boolean };

/** A code fence in chunks of lines: still being written (`isOpen`: its last lines plain), or long and closed. */
function StreamingFence({ opener, chunks, tail, isOpen }: StreamingFenceProps) {
  const [, marks = "```", info = ""] = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(opener) ?? [];
  const language = /^[\w+-]+/.exec(info)?.[0] ?? "";
  return (
    <CodeFrame language={language}>
      <code className={language ? `block hljs language-${language}` : "block hljs"}>
        {chunks.map((group, index) => <CodeGroup key={index} opener={opener} marks={marks} group={group} />)}
        <span className="block">{isOpen || tail === "" ? tail : <CodeLines opener={opener} marks={marks} lines={tail} />}</span>
      </code>
    </CodeFrame>
  );
}

/** A group of closed chunks: a full one never renders again (off screen it skips layout and paint, see index.css). */
const CodeGroup = memo(function CodeGroup({ opener, marks, group }: { opener: string; marks: string; group: readonly string[] }) {
  return (
    <span className="md-code-group block">
      {group.map((lines, index) => (
        <span key={index} className="block">
          <CodeLines opener={opener} marks={marks} lines={lines} />
        </span>
      ))}
    </span>
  );
});

/** What the lazy chunk hands out: a markdown block, or a code fence still being written. */
const MarkdownPart = memo(function MarkdownPart({ text, fence }: { text: string; fence?: undefined } | { text?: undefined; fence: StreamingFenceProps }) {
  return fence ? <StreamingFence {...fence} /> : <MarkdownBlock text={text} />;
});

export default MarkdownPart;
