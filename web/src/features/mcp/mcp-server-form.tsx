import { useState } from "react";
import type { McpServerDefinition, McpSetting, McpTransport, SaveMcpServerInput, WorkspaceId } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { useStoredDraft } from "../../lib/use-stored-draft.ts";
import { maskUrlSecrets, urlSecretNames, URL_SECRET_MASK } from "../../../../shared/url-secrets.ts";
import { isSecretName } from "../../../../shared/secret-rules.ts";

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900";
const TRANSPORTS: readonly McpTransport[] = ["stdio", "http", "sse"];

/**
 * A variable or header row; a secret row's value is never in it (see `secrets` below). `isSecretChosen`: the user (or
 * the saved server) said whether it is secret; until then the name decides (`isSecretName`).
 */
type Row = { id: string; key: string; value: string; isSecret: boolean; isSet: boolean; isSecretChosen: boolean };
type ServerForm = { name: string; transport: McpTransport; command: string; args: string; url: string; rows: Row[] };

const newRowId = () => crypto.getRandomValues(new Uint32Array(2)).join("-");

function initialForm(server: McpServerDefinition | null): ServerForm {
  const transport = server?.transport ?? "stdio";
  const settings: McpSetting[] = transport === "stdio" ? (server?.env ?? []) : (server?.headers ?? []);
  return {
    name: server?.name ?? "",
    transport,
    command: server?.command ?? "",
    args: (server?.args ?? []).join("\n"),
    url: server?.url ?? "",
    // A stored secret comes without its value (null): the row shows "set (kept)".
    rows: settings.map((s, index) => ({ id: `row-${index}`, key: s.key, value: s.isSecret ? "" : (s.value ?? ""), isSecret: s.isSecret, isSet: s.isSecret && s.isSet, isSecretChosen: true })),
  };
}

/** A stored draft's transport and rows, checked: rows of another shape are dropped, a secret row never holds a value. */
function checkForm(form: ServerForm, fresh: ServerForm): ServerForm {
  const isRow = (row: unknown): row is Row => {
    const r = row as Partial<Row> | null;
    return typeof r === "object" && r !== null && typeof r.id === "string" && typeof r.key === "string" && typeof r.value === "string" && typeof r.isSecret === "boolean" && typeof r.isSet === "boolean";
  };
  return {
    ...form,
    transport: TRANSPORTS.includes(form.transport) ? form.transport : fresh.transport,
    // A draft stored before rows said whether their secrecy was chosen keeps what it shows.
    rows: form.rows.filter(isRow).map((row) => ({ ...row, value: row.isSecret ? "" : row.value, isSecretChosen: typeof row.isSecretChosen === "boolean" ? row.isSecretChosen : true })),
  };
}

/**
 * Add or edit a workspace MCP server. A stored secret shows as "set (kept)"; left empty it is kept. What is typed is
 * kept on the device until saved or cancelled, except secret values: they live in this form's memory only.
 */
export function McpServerForm({ workspaceId, server, isBusy, onSave, onDone }: { workspaceId: WorkspaceId; server: McpServerDefinition | null; isBusy: boolean; onSave: (input: SaveMcpServerInput) => Promise<boolean>; onDone: () => void }) {
  const [form, setForm, forgetForm] = useStoredDraft(`chatml.mcp-server-draft.${workspaceId}.${server ? `${server.id}.${server.updatedAt}` : "new"}`, initialForm(server), checkForm);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const { name, transport, command, args, rows } = form;
  // The URL as typed lives in memory; the stored draft holds it with its credentials masked, as the server does.
  const [url, setUrl] = useState(form.url);
  const typeUrl = (typed: string) => {
    setUrl(typed);
    set({ url: maskUrlSecrets(typed, {}).url });
  };
  const set = (patch: Partial<ServerForm>) => setForm((f) => ({ ...f, ...patch }));
  const setRows = (update: (rows: Row[]) => Row[]) => setForm((f) => ({ ...f, rows: update(f.rows) }));
  const isStdio = transport === "stdio";
  const urlSecrets = isStdio ? [] : urlSecretNames(url);
  const valueOf = (row: Row) => (row.isSecret ? (secrets[row.id] ?? "") : row.value);
  const submit = async () => {
    const settings = rows
      .filter((r) => r.key.trim())
      .map((r) => ({ key: r.key.trim(), isSecret: r.isSecret, ...(r.isSecret && r.isSet && !valueOf(r) ? {} : { value: valueOf(r) }) }));
    const isSaved = await onSave({
      name: name.trim(),
      transport,
      ...(isStdio ? { command: command.trim(), args: args.split("\n").filter((a) => a.trim()) } : { url: url.trim(), args: [] }),
      env: isStdio ? settings : [],
      headers: isStdio ? [] : settings,
      isEnabled: server?.isEnabled ?? true,
    });
    if (!isSaved) return;
    forgetForm();
    onDone();
  };
  const update = (id: string, patch: Partial<Row>) => setRows((list) => list.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const setValue = (row: Row, value: string) => (row.isSecret ? setSecrets((s) => ({ ...s, [row.id]: value })) : update(row.id, { value }));
  // Marked secret, a value moves out of the stored draft into memory; unmarked, it moves back.
  const setSecret = (row: Row, isSecret: boolean, patch: Partial<Row> = {}) => {
    if (isSecret === row.isSecret) return update(row.id, patch);
    const value = valueOf(row);
    setSecrets((s) => ({ ...s, [row.id]: isSecret ? value : "" }));
    update(row.id, { ...patch, isSecret, isSet: false, value: isSecret ? "" : value });
  };
  const rename = (row: Row, key: string) => setSecret(row, row.isSecretChosen ? row.isSecret : isSecretName(key), { key });
  return (
    <form aria-label={server ? `Edit MCP server ${server.name}` : "Add an MCP server"} className="space-y-2 rounded-lg border border-stone-300 p-2 dark:border-stone-700" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <label className="block text-xs">Name<input aria-label="Server name" className={FIELD} value={name} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. docs" /></label>
      <label className="block text-xs">
        Type
        <select aria-label="Server type" className={FIELD} value={transport} onChange={(e) => set({ transport: e.target.value as McpTransport, rows: [] })}>
          <option value="stdio">Command (stdio)</option>
          <option value="http">HTTP</option>
          <option value="sse">SSE</option>
        </select>
      </label>
      {isStdio ? (
        <>
          <label className="block text-xs">Command<input aria-label="Command" className={FIELD} value={command} onChange={(e) => set({ command: e.target.value })} placeholder="npx" /></label>
          <label className="block text-xs">Arguments, one per line<textarea aria-label="Arguments" rows={2} className={`${FIELD} py-1`} value={args} onChange={(e) => set({ args: e.target.value })} /></label>
        </>
      ) : (
        <>
          <label className="block text-xs">URL<input aria-label="URL" className={FIELD} value={url} onChange={(e) => typeUrl(e.target.value)} placeholder="https://…" /></label>
          {urlSecrets.length > 0 ? (
            <p role="note" className="text-xs text-amber-800 dark:text-amber-300">
              This URL holds what looks like a secret ({urlSecrets.join(", ")}): it is kept like a secret header and shown as {URL_SECRET_MASK} on every device; left as {URL_SECRET_MASK}, the saved one is kept.
            </p>
          ) : null}
        </>
      )}
      <fieldset className="space-y-1">
        <legend className="text-xs">{isStdio ? "Environment variables" : "Headers"}</legend>
        {rows.map((row, index) => (
          <div key={row.id} className="flex flex-wrap items-center gap-1">
            <input aria-label={`${isStdio ? "Variable" : "Header"} ${index + 1} name`} className={`${FIELD} w-28 flex-1`} value={row.key} onChange={(e) => rename(row, e.target.value)} />
            <input
              aria-label={`${isStdio ? "Variable" : "Header"} ${index + 1} value`}
              type={row.isSecret ? "password" : "text"}
              className={`${FIELD} w-28 flex-1`}
              value={valueOf(row)}
              placeholder={row.isSet ? "set (kept)" : ""}
              onChange={(e) => setValue(row, e.target.value)}
            />
            <label className="inline-flex min-h-11 items-center gap-1 text-xs">
              <input type="checkbox" aria-label={`Secret: ${isStdio ? "variable" : "header"} ${index + 1}`} checked={row.isSecret} onChange={(e) => setSecret(row, e.target.checked, { isSecretChosen: true })} />
              Secret
            </label>
            <Button variant="ghost" aria-label={`Remove ${isStdio ? "variable" : "header"} ${index + 1}`} onClick={() => setRows((list) => list.filter((r) => r.id !== row.id))}>✕</Button>
          </div>
        ))}
        <Button variant="ghost" onClick={() => setRows((list) => [...list, { id: newRowId(), key: "", value: "", isSecret: false, isSet: false, isSecretChosen: false }])}>{isStdio ? "Add variable" : "Add header"}</Button>
      </fieldset>
      <div className="flex gap-2">
        <Button variant="primary" type="submit" disabled={isBusy || !name.trim()}>{isBusy ? "Saving…" : "Save server"}</Button>
        <Button
          onClick={() => {
            forgetForm();
            onDone();
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
