// @vitest-environment jsdom
import { cleanup, render, waitFor } from "@testing-library/react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { afterEach, describe, expect, it } from "vitest";
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

  it("a long open fence streamed 1–100 characters at a time shows its code so far, then renders whole and highlighted", async () => {
    const code = Array.from({ length: 120 }, (_, i) => (i % 15 === 14 ? "" : `  const value${i} = "text ${i}"; /* note */ // ${i}`)).join("\n");
    const text = `\`\`\`ts\n${code}\nconst last = 1;`;
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
    const whole = wholeRender(text);
    expect(md.querySelectorAll("pre")).toHaveLength(1);
    expect(md.querySelector("pre")?.innerHTML).toBe(whole.querySelector("pre")?.innerHTML);
    expect(md.querySelector("pre .hljs-keyword")).not.toBeNull();
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

  it("links a reference whose definition is in another block, as react-markdown does on the whole text", async () => {
    const text = "See [the docs][docs] and [home].\n\nMore text.\n\n[docs]: https://example.com/docs\n[home]: https://example.com\n";
    const md = await stream(text);
    const links = [...md.querySelectorAll("a")].map((a) => `${a.textContent} ${a.getAttribute("href")}`);
    expect(links).toEqual(["the docs https://example.com/docs", "home https://example.com"]);
    expect(blocksOf([...md.querySelectorAll(":scope > .md-chunk > *")])).toEqual(blocksOf([...wholeRender(text).children]));
  });
});
