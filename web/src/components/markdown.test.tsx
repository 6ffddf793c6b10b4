// @vitest-environment jsdom
import { act, cleanup, render, waitFor } from "@testing-library/react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NO_CLIPBOARD } from "../lib/copy-text.ts";
import { BLOCKS_PER_CHUNK, FENCE_LINES_PER_CHUNK, WHOLE_BLOCK_CHARS } from "./markdown-blocks.ts";
import { Markdown } from "./markdown.tsx";

afterEach(cleanup);

/** A long answer: headings, paragraphs, a loose list, fences with blank lines inside and a longer fence around one. */
function longAnswer(): string {
  const sections = Array.from({ length: 12 }, (_, i) =>
    [
      `## Part ${i}`,
      `Paragraph ${i} with \`code\` and **bold**.`,
      `- item a${i}\n\n- item b${i}\n\n  more of b${i}`,
      i % 3 === 0 ? "````md\n```ts\nconst inner = 1;\n```\n\nstill inside\n````" : `\`\`\`ts\nconst a${i} = 1;\n\n\nconst b${i} = 2;\n\`\`\``,
    ].join("\n\n"),
  );
  return `${sections.join("\n\n")}\n\nThe end.\n`;
}

/** Each top-level element as tag + text (a code frame counts as its pre; its Copy header is chrome, not content). */
function blocksOf(elements: Element[]): string[] {
  return elements.map((element) => {
    const shown = element.classList.contains("code-frame") ? (element.querySelector("pre") as Element) : element;
    return `${shown.tagName}: ${shown.textContent}`;
  });
}

describe("Markdown", () => {
  it("streamed in pieces shows the same blocks as the whole text rendered at once, in chunks", async () => {
    const text = longAnswer();
    const { container, rerender } = render(<Markdown text="" />);
    for (let at = 37; at < text.length + 37; at += 37) rerender(<Markdown text={text.slice(0, at)} />);
    const md = container.querySelector(".md") as HTMLElement;
    // Formatting is lazy and budgeted: wait until no block shows as plain text any more.
    await waitFor(() => expect(md.querySelector(".md-chunk > .whitespace-pre-wrap") ?? md.querySelector(".md > .whitespace-pre-wrap")).toBeNull(), { timeout: 15_000 });
    const whole = document.createElement("div");
    whole.innerHTML = renderToStaticMarkup(<ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>);
    const streamed = [...md.querySelectorAll(":scope > .md-chunk > *")];
    expect(blocksOf(streamed)).toEqual(blocksOf([...whole.children]));
    expect(md.classList.contains("md-long")).toBe(true);
    expect(md.querySelectorAll(":scope > .md-chunk").length).toBe(2);
  });

  /** Feeds `text` 1–100 characters at a time as a streaming answer, calling `check` with the text so far after each. */
  async function stream(text: string, check: (md: HTMLElement, sofar: string) => void = () => undefined) {
    const { container, rerender } = render(<Markdown text="" isStreaming />);
    rerender(<Markdown text={text.slice(0, 1)} isStreaming />);
    // The renderer is a lazy chunk: once it has loaded, every update renders synchronously.
    await waitFor(() => expect(container.querySelector(".md-chunk")).not.toBeNull());
    const md = container.querySelector(".md") as HTMLElement;
    for (let at = 1, step = 1; at < text.length; step = (step * 37) % 100 + 1) {
      at = Math.min(text.length, at + step);
      rerender(<Markdown text={text.slice(0, at)} isStreaming />);
      check(md, text.slice(0, at));
    }
    rerender(<Markdown text={text} isStreaming={false} />);
    await waitFor(() => expect(md.querySelector(".md-chunk > .whitespace-pre-wrap, .md-open")).toBeNull(), { timeout: 15_000 });
    return md;
  }

  const wholeRender = (text: string) => {
    const whole = document.createElement("div");
    whole.innerHTML = renderToStaticMarkup(<ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[() => rehypeHighlight({ detect: false })]}>{text}</ReactMarkdown>);
    return whole;
  };

  it("a long open fence streamed 1–100 characters at a time shows its code so far, then stays in chunks, each highlighted", async () => {
    const code = Array.from({ length: 120 }, (_, i) => (i % 15 === 14 ? "" : `  const value${i} = "text ${i}"; /* note */ // ${i}`)).join("\n");
    const text = `\`\`\`ts\n${code}\nconst last = 1;`;
    expect(text.length).toBeGreaterThan(WHOLE_BLOCK_CHARS);
    let streamingChecks = 0;
    const md = await stream(text, (md, sofar) => {
      const newline = sofar.indexOf("\n");
      if (newline === -1) return;
      // While it streams the fence is one code frame whose text is the code so far.
      expect(md.querySelectorAll("pre")).toHaveLength(1);
      expect(md.querySelector("pre")?.textContent).toBe(sofar.slice(newline + 1));
      streamingChecks += 1;
    });
    expect(streamingChecks).toBeGreaterThan(50);
    // Long, so it is not parsed whole at the end (ADR 0044): the same code, in chunks of lines, every chunk coloured.
    const whole = wholeRender(text);
    expect(md.querySelectorAll("pre")).toHaveLength(1);
    expect(md.querySelector("pre")?.textContent).toBe(whole.querySelector("pre")?.textContent);
    const chunks = [...md.querySelectorAll("pre code > .md-code-group > span, pre code > span:not(.md-code-group)")].filter((chunk) => chunk.textContent?.includes("const"));
    expect(chunks.length).toBe(Math.ceil(121 / FENCE_LINES_PER_CHUNK));
    await waitFor(() => expect(chunks.filter((chunk) => chunk.querySelector(".hljs-keyword") === null)).toEqual([]), { timeout: 15_000 });
  });

  it("a long list keeps the pieces it streamed in when the stream ends, numbered as the whole list (its items all say 1.)", async () => {
    const list = Array.from({ length: 150 }, (_, i) => `1. Item ${i} with \`code\` and **bold** words.`).join("\n");
    expect(list.length).toBeGreaterThan(WHOLE_BLOCK_CHARS);
    const { container, rerender } = render(<Markdown text="" isStreaming />);
    await waitFor(() => {
      rerender(<Markdown text={list.slice(0, 10)} isStreaming />);
      expect(container.querySelector(".md-chunk")).not.toBeNull();
    });
    for (let at = 10; at < list.length; at += 97) rerender(<Markdown text={list.slice(0, at)} isStreaming />);
    rerender(<Markdown text={list} isStreaming />);
    await waitFor(() => expect(container.querySelectorAll(".md-piece-group > ol").length).toBeGreaterThan(3));
    // Pieces format when the format budget allows (plain text until then), so which pieces are lists yet varies: keep them all.
    const formattedWhileStreaming = [...container.querySelectorAll(".md-piece-group > ol")];
    rerender(<Markdown text={list} isStreaming={false} />);
    await waitFor(() => expect(container.querySelector(".md-open")).toBeNull());
    // The same elements: nothing formatted while streaming was parsed again.
    expect(formattedWhileStreaming.filter((ol) => !container.contains(ol))).toEqual([]);
    await waitFor(() => expect(container.querySelector(".md-pieces .whitespace-pre-wrap")).toBeNull(), { timeout: 15_000 });
    const numbers = [...container.querySelectorAll(".md-pieces ol")].flatMap((ol) => [...ol.children].map((_, i) => Number(ol.getAttribute("start") ?? 1) + i));
    expect(numbers).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    // Opened later (history), the same block shows in the same pieces.
    const shown = container.querySelector(".md-pieces")?.innerHTML;
    cleanup();
    const again = render(<Markdown text={list} />);
    await waitFor(() => expect(again.container.querySelector(".md-pieces")?.innerHTML).toBe(shown), { timeout: 15_000 });
  });

  it("a code block's Copy says Copied for a moment, and leaves no timer behind once the block is gone", async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", { value: { writeText: async (text: string) => void copied.push(text) }, configurable: true });
    const { container, findByRole, unmount } = render(<Markdown text={"```ts\nconst a = 1;\n```"} />);
    const button = await findByRole("button", { name: "Copy code" });
    // Said to a screen reader too (the button keeps its name), by a live region waiting empty in the page.
    const status = container.querySelector('[data-testid="code-block"] [role="status"]');
    expect(status?.textContent).toBe("");
    // Timeouts faked from here: the moment "Copied" shows is run out at once (it waited 1.5 s), and its timer must go
    // with the block.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      await act(async () => button.click());
      expect(button.textContent).toBe("Copied");
      expect(status?.textContent).toBe("Copied");
      expect(copied).toEqual([container.querySelector("pre")?.innerText ?? ""]);
      await act(async () => vi.runOnlyPendingTimers());
      expect(button.textContent).toBe("Copy");
      await act(async () => button.click());
      expect(button.textContent).toBe("Copied");
      expect(vi.getTimerCount()).toBe(1);
      unmount();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a code block's Copy says why it copied nothing where the browser gives no clipboard (a plain-HTTP LAN page)", async () => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    const { findByRole } = render(<Markdown text={"```ts\nconst a = 1;\n```"} />);
    await act(async () => (await findByRole("button", { name: "Copy code" })).click());
    expect((await findByRole("alert")).textContent).toBe(NO_CLIPBOARD);
    expect((await findByRole("button", { name: "Copy code" })).textContent).toBe("Copy");
  });

  it("a numbered list makes room for its widest number (four digits fit, not only two)", async () => {
    const { container } = render(<Markdown text={"998. one\n999. two\n1000. three\n\nand\n\n1. a\n2. b"} />);
    await waitFor(() => expect(container.querySelectorAll("ol").length).toBe(2));
    const [long, short] = [...container.querySelectorAll("ol")] as HTMLOListElement[];
    expect(long?.getAttribute("start")).toBe("998");
    expect(long?.style.paddingLeft).toBe("calc(5ch + 0.5rem)");
    expect(short?.style.paddingLeft).toBe("");
  });

  it("a long paragraph, list and fence in one block streamed in pieces render as react-markdown renders the whole text", async () => {
    const paragraph = Array.from({ length: 60 }, (_, i) => `Line ${i} of one paragraph with \`code\` and **bold ${i}**.`).join("\n");
    const list = Array.from({ length: 60 }, (_, i) => `${i + 1}. Item ${i} with \`code\` and **bold**.`).join("\n");
    const fence = `\`\`\`ts\n${Array.from({ length: 40 }, (_, i) => `let v${i} = ${i};`).join("\n")}\n\`\`\``;
    const text = `${paragraph}\n\n${list}\n${fence}\nAfter the fence.\n`;
    let sawPieces = false;
    const md = await stream(text, (md) => {
      sawPieces ||= md.querySelectorAll(".md-open > .md-piece-group > *").length > 2;
    });
    expect(sawPieces).toBe(true);
    const streamed = [...md.querySelectorAll(":scope > .md-chunk > *")];
    expect(blocksOf(streamed)).toEqual(blocksOf([...wholeRender(text).children]));
  });

  it("a long hard-wrapped paragraph kept in pieces shows emphasis, code and links that span its lines, none literally", async () => {
    const lines = Array.from({ length: 120 }, (_, i) =>
      i % 3 === 0 ? `Line ${i} says **this is bold` : i % 3 === 1 ? `until here ${i}** then \`a code` : `span ${i}\` and [a link`,
    );
    const text = `${lines.map((line, i) => (i % 3 === 2 ? `${line}\nto it ${i}](https://example.com/${i}) done.` : line)).join("\n")}\n`;
    expect(text.length).toBeGreaterThan(WHOLE_BLOCK_CHARS);
    const md = await stream(text);
    // Formatting is lazy and budgeted: wait until no piece shows as plain text any more.
    await waitFor(() => expect(md.querySelector(".whitespace-pre-wrap")).toBeNull(), { timeout: 15_000 });
    expect(md.querySelectorAll(".md-pieces > .md-piece-group > *").length).toBeGreaterThan(1);
    expect(md.querySelectorAll("strong")).toHaveLength(40);
    expect(md.querySelectorAll("code")).toHaveLength(40);
    expect(md.querySelectorAll("a")).toHaveLength(40);
    expect(md.textContent).not.toMatch(/\*\*|`|\]\(/);
  });

  it("a full group of an open block's pieces is measured and contained, the group still filling is not", async () => {
    const list = Array.from({ length: 1200 }, (_, i) => `- Item ${i} with \`code\` and **bold** words.`).join("\n");
    const { container, rerender } = render(<Markdown text="" isStreaming />);
    await waitFor(() => {
      rerender(<Markdown text={list.slice(0, 10)} isStreaming />);
      expect(container.querySelector(".md-chunk")).not.toBeNull();
    });
    const groups = () => [...container.querySelectorAll<HTMLElement>(".md-open > .md-piece-group")];
    for (let at = 10; at < list.length + 997; at += 997) {
      rerender(<Markdown text={list.slice(0, at)} isStreaming />);
      for (const group of groups()) {
        const isFull = group.children.length === BLOCKS_PER_CHUNK;
        expect(group.classList.contains("md-piece-group-done")).toBe(isFull);
        expect(group.style.containIntrinsicSize).toBe(isFull ? "auto 0px" : "");
      }
    }
    expect(groups().length).toBeGreaterThan(2);
    expect(groups().at(-1)?.classList.contains("md-piece-group-done")).toBe(false);
    expect(container.textContent).toContain("Item 1198 with");
  });

  it("links a reference whose definition is in another block, as react-markdown does on the whole text", async () => {
    const text = "See [the docs][docs] and [home].\n\nMore text.\n\n[docs]: https://example.com/docs\n[home]: https://example.com\n";
    const md = await stream(text);
    const links = [...md.querySelectorAll("a")].map((a) => `${a.textContent} ${a.getAttribute("href")}`);
    expect(links).toEqual(["the docs https://example.com/docs", "home https://example.com"]);
    expect(blocksOf([...md.querySelectorAll(":scope > .md-chunk > *")])).toEqual(blocksOf([...wholeRender(text).children]));
  });
});
