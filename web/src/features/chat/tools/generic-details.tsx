import type { DetailsProps } from "./tool-details.tsx";
import { Labelled, ToolOutput } from "./tool-output.tsx";
import { prettyInput } from "./tool-summary.ts";
import { mcpToolOf } from "../../../../../shared/index.ts";
import { DOT } from "../../../lib/dot-join.ts";

/** Any tool: its input as JSON and its result as text. Never fails, whatever the shapes. */
export function GenericDetails(props: DetailsProps) {
  return (
    <div className="space-y-2">
      <Labelled label="Input">
        <pre className="tool-pre bg-stone-100 dark:bg-stone-900">{prettyInput(props.part.input)}</pre>
      </Labelled>
      <ToolOutput {...props} label="Result" />
    </div>
  );
}

/** MCP tools (`mcp__server__tool`): server and tool name, arguments and result. */
export function McpDetails(props: DetailsProps) {
  const { server, tool } = mcpToolOf(props.part.name) ?? { server: "?", tool: "?" };
  return (
    <div className="space-y-2">
      <p className="px-1 text-xs">
        <span className="text-stone-500">server</span> <span className="font-mono">{server}</span>
        {DOT}
        <span className="text-stone-500">tool</span>{" "}
        <span className="font-mono">{tool}</span>
      </p>
      <GenericDetails {...props} />
    </div>
  );
}
