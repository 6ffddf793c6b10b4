import type { WorkspaceId } from "../../../shared/ids.ts";
import type { McpSettingInput, SaveMcpServerInput } from "../../../shared/api/mcp-inputs.ts";
import { maskUrlSecrets, unmaskUrlSecrets } from "../../../shared/url-secrets.ts";
import { AppError } from "../../../shared/protocol/errors.ts";
import type { McpServerDefinition, McpSetting } from "../../../shared/protocol/mcp.ts";
import type { McpServerRecord, StoredSetting } from "../../persistence/mcp-server-repo.ts";
import type { EntityDeps } from "../entity-context.ts";
import type { McpSecrets } from "./mcp-secrets.ts";

/** A server's full launch description, secrets included: only for the generated `--mcp-config` file. */
export type ResolvedServer = McpServerRecord & { envValues: Record<string, string>; headerValues: Record<string, string> };

/** A workspace's own MCP servers: add, edit, remove, enable. Secret values go to the 0600 file and never come back. */
export class WorkspaceMcpServers {
  constructor(private readonly deps: EntityDeps & { secrets: McpSecrets }) {}

  /**
   * Follows workspace deletions until the answer is called: deleting a workspace's history deletes its MCP servers
   * with it (the rows cascade), and their secret values go from the 0600 file too rather than stay there unowned.
   */
  followWorkspaces(): () => void {
    return this.deps.bus.subscribe((message) => {
      if (message.kind !== "entity" || message.change.kind !== "removed" || message.change.entity !== "workspace") return;
      this.deps.secrets.keepOnly((serverId) => this.deps.repos.mcpServers.get(serverId) !== null);
    });
  }

  list(workspaceId: WorkspaceId): McpServerDefinition[] {
    this.requireWorkspace(workspaceId);
    return this.deps.repos.mcpServers.list(workspaceId).map((record) => this.toDefinition(record));
  }

  /** Creates a server (no `id`) or replaces one; a secret sent without a value keeps the stored one. */
  save(workspaceId: WorkspaceId, input: SaveMcpServerInput, id?: string): McpServerDefinition {
    this.requireWorkspace(workspaceId);
    const previous = id ? this.require(id, workspaceId) : null;
    const clash = this.deps.repos.mcpServers.list(workspaceId).find((s) => s.name === input.name && s.id !== id);
    if (clash) throw new AppError("conflict", `This workspace already has an MCP server named ${input.name}.`);
    const serverId = previous?.id ?? `mcp_${crypto.randomUUID()}`;
    const oldSecrets = this.deps.secrets.of(serverId);
    const env = split(input.env, oldSecrets.env);
    const headers = split(input.transport === "stdio" ? [] : input.headers, oldSecrets.headers);
    // A credential in the URL (`?api_key=…`) is kept like a secret header: SQLite, every device and the form's draft
    // see it masked. A URL saved in clear before this is read for the values its masks stand for.
    const keptInUrl = { ...maskUrlSecrets(previous?.url ?? "", {}).secrets, ...oldSecrets.url };
    const url = input.transport === "stdio" ? null : maskUrlSecrets(input.url ?? "", keptInUrl);
    const record = this.deps.repos.mcpServers.save({
      id: serverId,
      workspaceId,
      name: input.name,
      transport: input.transport,
      command: input.transport === "stdio" ? (input.command ?? null) : null,
      args: input.transport === "stdio" ? input.args : [],
      url: url?.url ?? null,
      env: env.stored,
      headers: headers.stored,
      isEnabled: input.isEnabled,
    });
    this.deps.secrets.set(serverId, { env: env.secrets, headers: headers.secrets, url: url?.secrets ?? {} });
    this.changed(workspaceId);
    return this.toDefinition(record);
  }

  setEnabled(workspaceId: WorkspaceId, id: string, isEnabled: boolean): McpServerDefinition {
    const record = this.deps.repos.mcpServers.save({ ...this.require(id, workspaceId), isEnabled });
    this.changed(workspaceId);
    return this.toDefinition(record);
  }

  remove(workspaceId: WorkspaceId, id: string): void {
    this.require(id, workspaceId);
    this.deps.repos.mcpServers.remove(id);
    this.deps.secrets.remove(id);
    this.changed(workspaceId);
  }

  /** The enabled servers with every value, for a launch. */
  resolvedForLaunch(workspaceId: WorkspaceId): ResolvedServer[] {
    return this.deps.repos.mcpServers
      .list(workspaceId)
      .filter((record) => record.isEnabled)
      .map((record) => {
        const secrets = this.deps.secrets.of(record.id);
        const url = record.url === null ? null : unmaskUrlSecrets(record.url, secrets.url);
        return { ...record, url, envValues: values(record.env, secrets.env), headerValues: values(record.headers, secrets.headers) };
      });
  }

  private toDefinition(record: McpServerRecord): McpServerDefinition {
    const secrets = this.deps.secrets.of(record.id);
    const shown = (list: StoredSetting[], secret: Record<string, string>): McpSetting[] =>
      list.map((s) => ({ key: s.key, value: s.isSecret ? null : s.value, isSecret: s.isSecret, isSet: s.isSecret ? typeof secret[s.key] === "string" : s.value !== null }));
    const { env: _env, headers: _headers, ...rest } = record;
    // Masked again on the way out: a URL stored in clear before masking began is not shown so either.
    const url = record.url === null ? null : maskUrlSecrets(record.url, {}).url;
    return { ...rest, url, env: shown(record.env, secrets.env), headers: shown(record.headers, secrets.headers) };
  }

  private require(id: string, workspaceId: WorkspaceId): McpServerRecord {
    const record = this.deps.repos.mcpServers.get(id);
    if (record?.workspaceId !== workspaceId) throw new AppError("not_found", `No MCP server ${id} in this workspace.`);
    return record;
  }

  private requireWorkspace(workspaceId: WorkspaceId): void {
    if (!this.deps.repos.workspaces.get(workspaceId)) throw new AppError("not_found", `No workspace ${workspaceId}.`);
  }

  private changed(workspaceId: WorkspaceId): void {
    this.deps.bus.publish({ kind: "entity", change: { kind: "mcpServers", workspaceId, servers: this.list(workspaceId) } });
  }
}

/** Splits settings into what SQLite keeps (plain values) and the secret values (new ones, or kept from before). */
function split(input: McpSettingInput[], oldSecrets: Record<string, string>): { stored: StoredSetting[]; secrets: Record<string, string> } {
  const seen = new Set<string>();
  const stored: StoredSetting[] = [];
  const secrets: Record<string, string> = {};
  for (const setting of input) {
    if (seen.has(setting.key)) throw new AppError("bad_request", `${setting.key} is given twice.`);
    seen.add(setting.key);
    if (!setting.isSecret) {
      stored.push({ key: setting.key, value: setting.value ?? "", isSecret: false });
      continue;
    }
    const value = setting.value ?? oldSecrets[setting.key];
    if (value === undefined) throw new AppError("bad_request", `The secret ${setting.key} needs a value.`);
    secrets[setting.key] = value;
    stored.push({ key: setting.key, value: null, isSecret: true });
  }
  return { stored, secrets };
}

function values(list: StoredSetting[], secrets: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const setting of list) {
    const value = setting.isSecret ? secrets[setting.key] : (setting.value ?? "");
    if (value !== undefined) result[setting.key] = value;
  }
  return result;
}
