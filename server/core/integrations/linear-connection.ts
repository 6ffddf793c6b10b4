import { AppError } from "../../../shared/protocol/errors.ts";
import type { LinearConnection, LinearTeam } from "../../../shared/protocol/integrations.ts";
import { isKeyRejected, LinearApi, type LinearIssueFacts } from "../../integrations/linear/linear-api.ts";
import type { SecretStore } from "./secret-store.ts";
import { messageOf } from "../../../shared/error-message.ts";

type Deps = {
  secrets: SecretStore;
  /** The GraphQL endpoint (tests point it at a fake); Linear's own when absent. */
  apiUrl?: string;
  /** Told when the stored connection changed (connected, disconnected, auto status), so every device reads it again. */
  onChange?: () => void;
};

/** The Linear connection: the API key (checked, then stored 0600 beside GitHub's token), the account, auto status. */
export class LinearConnectionService {
  private api: LinearApi | null = null;
  private account: { name: string; email: string } | null = null;
  private problem: string | null = null;
  private isProblemTheKey = false;

  constructor(private readonly deps: Deps) {}

  /** What the connection screen shows; never the key. */
  status(): LinearConnection {
    const stored = this.deps.secrets.read().linear;
    return {
      isConnected: stored !== null,
      name: this.account?.name ?? null,
      email: this.account?.email ?? null,
      problem: this.problem,
      isKeyRejected: this.problem !== null && this.isProblemTheKey,
      isAutoStatus: stored?.isAutoStatus ?? false,
    };
  }

  /** Checks the key against Linear first; only a key Linear accepts is stored. */
  async connect(apiKey: string): Promise<LinearConnection> {
    const api = await LinearApi.create(apiKey, this.deps.apiUrl);
    const account = await api.viewer();
    this.deps.secrets.write({ linear: { apiKey, isAutoStatus: this.deps.secrets.read().linear?.isAutoStatus ?? false } });
    Object.assign(this, { api, account, problem: null });
    this.deps.onChange?.();
    return this.status();
  }

  disconnect(): LinearConnection {
    this.deps.secrets.write({ linear: null });
    Object.assign(this, { api: null, account: null, problem: null });
    this.deps.onChange?.();
    return this.status();
  }

  /** Reads the account again (after a restart, or to show whether the key still works). */
  async refresh(): Promise<LinearConnection> {
    if (!this.deps.secrets.read().linear) return this.status();
    try {
      this.account = await (await this.client()).viewer();
      this.problem = null;
    } catch (error) {
      this.problem = messageOf(error);
      this.isProblemTheKey = isKeyRejected(error);
    }
    return this.status();
  }

  /** Move linked issues along with their sessions (In Progress, In Review, Done), or not. */
  setAutoStatus(isAutoStatus: boolean): LinearConnection {
    const stored = this.deps.secrets.read().linear;
    if (!stored) throw new AppError("bad_request", "Linear is not connected. Connect it under Integrations first.");
    this.deps.secrets.write({ linear: { ...stored, isAutoStatus } });
    this.deps.onChange?.();
    return this.status();
  }

  /** The API client, or a clear error when Linear is not connected. */
  async client(): Promise<LinearApi> {
    if (this.api) return this.api;
    const stored = this.deps.secrets.read().linear;
    if (!stored) throw new AppError("bad_request", "Linear is not connected. Connect it under Integrations first.");
    this.api = await LinearApi.create(stored.apiKey, this.deps.apiUrl);
    return this.api;
  }

  async teams(): Promise<LinearTeam[]> {
    return (await this.client()).teams();
  }

  /** A page of open issues assigned to me, or of a team; `search` narrows by title, `after` names the page. */
  async issues(options: { teamId?: string; search?: string; after?: string }): Promise<{ issues: LinearIssueFacts[]; nextCursor: string | null }> {
    return (await this.client()).issues(options);
  }
}
