import { useState } from "react";
import type { McpServerDefinition, McpSetting, McpTransport, SaveMcpServerInput } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";

type Row = { key: string; value: string; isSecret: boolean; isSet: boolean };

const rowsOf = (settings: McpSetting[]): Row[] => settings.map((s) => ({ key: s.key, value: s.value ?? "", isSecret: s.isSecret, isSet: s.isSecret && s.isSet }));

/** Add or edit a workspace MCP server. A stored secret shows as "set (kept)"; left empty it is kept. */
export function McpServerForm({ server, isBusy, onSave, onCancel }: { server: McpServerDefinition | null; isBusy: boolean; onSave: (input: SaveMcpServerInput) => void; onCancel: () => void }) {
  const [name, setName] = useState(server?.name ?? "");
  const [transport, setTransport] = useState<McpTransport>(server?.transport ?? "stdio");
  const [command, setCommand] = useState(server?.command ?? "");
  const [args, setArgs] = useState((server?.args ?? []).join("\n"));
  const [url, setUrl] = useState(server?.url ?? "");
  const [rows, setRows] = useState<Row[]>(rowsOf(transport === "stdio" ? (server?.env ?? []) : (server?.headers ?? [])));
  const isStdio = transport === "stdio";
  const settings = rows
    .filter((r) => r.key.trim())
    .map((r) => ({ key: r.key.trim(), isSecret: r.isSecret, ...(r.isSecret && r.isSet && !r.value ? {} : { value: r.value }) }));
  const submit = () =>
    onSave({
      name: name.trim(),
      transport,
      ...(isStdio ? { command: command.trim(), args: args.split("\n").filter((a) => a.trim()) } : { url: url.trim(), args: [] }),
      env: isStdio ? settings : [],
      headers: isStdio ? [] : settings,
      isEnabled: server?.isEnabled ?? true,
    });
  const update = (index: number, patch: Partial<Row>) => setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <form aria-label={server ? `Edit MCP server ${server.name}` : "Add an MCP server"} className="space-y-2 rounded-lg border border-stone-300 p-2 dark:border-stone-700" onSubmit={(e) => (e.preventDefault(), submit())}>
      <label className="block text-xs">Name<input aria-label="Server name" className={FIELD} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. docs" /></label>
      <label className="block text-xs">
        Type
        <select aria-label="Server type" className={FIELD} value={transport} onChange={(e) => (setTransport(e.target.value as McpTransport), setRows([]))}>
          <option value="stdio">Command (stdio)</option>
          <option value="http">HTTP</option>
          <option value="sse">SSE</option>
        </select>
      </label>
      {isStdio ? (
        <>
          <label className="block text-xs">Command<input aria-label="Command" className={FIELD} value={command} onChange={(e) => setCommand(e.target.value)} placeholder="npx" /></label>
          <label className="block text-xs">Arguments, one per line<textarea aria-label="Arguments" rows={2} className={`${FIELD} py-1`} value={args} onChange={(e) => setArgs(e.target.value)} /></label>
        </>
      ) : (
        <label className="block text-xs">URL<input aria-label="URL" className={FIELD} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" /></label>
      )}
      <fieldset className="space-y-1">
        <legend className="text-xs">{isStdio ? "Environment variables" : "Headers"}</legend>
        {rows.map((row, index) => (
          <div key={index} className="flex flex-wrap items-center gap-1">
            <input aria-label={`${isStdio ? "Variable" : "Header"} ${index + 1} name`} className={`${FIELD} w-28 flex-1`} value={row.key} onChange={(e) => update(index, { key: e.target.value })} />
            <input
              aria-label={`${isStdio ? "Variable" : "Header"} ${index + 1} value`}
              type={row.isSecret ? "password" : "text"}
              className={`${FIELD} w-28 flex-1`}
              value={row.value}
              placeholder={row.isSet ? "set (kept)" : ""}
              onChange={(e) => update(index, { value: e.target.value })}
            />
            <label className="inline-flex min-h-11 items-center gap-1 text-xs"><input type="checkbox" checked={row.isSecret} onChange={(e) => update(index, { isSecret: e.target.checked, isSet: false })} />Secret</label>
            <Button variant="ghost" aria-label={`Remove ${isStdio ? "variable" : "header"} ${index + 1}`} onClick={() => setRows(rows.filter((_, i) => i !== index))}>✕</Button>
          </div>
        ))}
        <Button variant="ghost" onClick={() => setRows([...rows, { key: "", value: "", isSecret: false, isSet: false }])}>{isStdio ? "Add variable" : "Add header"}</Button>
      </fieldset>
      <div className="flex gap-2">
        <Button variant="primary" type="submit" disabled={isBusy || !name.trim()}>{isBusy ? "Saving…" : "Save server"}</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
