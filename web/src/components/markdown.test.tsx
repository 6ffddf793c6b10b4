// @vitest-environment jsdom
import { cleanup, render, waitFor } from "@testing-library/react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
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
});
