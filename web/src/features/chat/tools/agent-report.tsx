import { Markdown } from "../../../components/markdown.tsx";
import type { ViewMessage, ViewPart } from "../../../protocol/conversation-view.ts";
import type { DetailsProps } from "./tool-details.tsx";
import { Labelled, ToolOutput } from "./tool-output.tsx";
import { isDict } from "./tool-summary.ts";

/** A sub-agent's final report, as the markdown it is, below its nested steps; a failure keeps the plain error. */
export function AgentReport(props: DetailsProps) {
  const result = props.part.result;
  if (!result) return null;
  if (result.isError) return <ToolOutput {...props} label="Result" />;
  const report = agentReport(result.text, result.structured);
  return (
    <Labelled label="Sub-agent report">
      <div data-testid="agent-report" className="rounded-md bg-stone-100 px-3 py-2 text-sm dark:bg-stone-900">
        {report ? <Markdown text={report} /> : <p className="text-stone-500">(no report)</p>}
      </div>
    </Labelled>
  );
}

/**
 * A sub-agent's own messages to nest under its call, without the last one when it only says what the report below
 * says (the CLI forwards the sub-agent's final text and also hands it back as the call's result).
 */
export function nestedSteps(children: readonly ViewMessage[], part: Extract<ViewPart, { kind: "tool" }>): readonly ViewMessage[] {
  const last = children.at(-1);
  if (!last || last.role !== "assistant" || !part.result || part.result.isError) return children;
  const texts = last.parts.map((p) => (p.kind === "text" ? p.text.trim() : null));
  if (texts.some((t) => t === null)) return children;
  const said = texts.join("\n").trim();
  return said && agentReport(part.result.text, part.result.structured).includes(said) ? children.slice(0, -1) : children;
}

const HARNESS_TAGS = /<tools-used-before-summary>[\s\S]*?<\/tools-used-before-summary>\s*/g;

/**
 * What the sub-agent said, without the CLI's hand-back wrapping: the structured result's text blocks when present
 * (2.1.330), else the text after the "report follows" frame, without the agentId and usage trailer.
 */
export function agentReport(text: string, structured: unknown): string {
  if (isDict(structured) && Array.isArray(structured.content)) {
    const texts = structured.content.filter(isDict).flatMap((b) => (b.type === "text" && typeof b.text === "string" ? [b.text] : []));
    const joined = texts.join("\n").replace(HARNESS_TAGS, "").trim();
    if (joined) return joined;
  }
  let body = text.replace(HARNESS_TAGS, "").replace(/\n?<usage>[\s\S]*?<\/usage>\s*$/, "").replace(/\n?agentId: \S+[^\n]*\s*$/, "");
  const frame = /The report follows:\n/.exec(body);
  if (frame) body = dedent(body.slice(frame.index + frame[0].length));
  return body.trim();
}

/** The harness indents every line of a report; undo the common indentation. */
function dedent(text: string): string {
  const lines = text.split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => (l.startsWith(" ".repeat(cut)) ? l.slice(cut) : l)).join("\n");
}
