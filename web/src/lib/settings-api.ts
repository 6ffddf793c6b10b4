import type { UpdateSettingsInput } from "../../../shared/index.ts";
import { call, client } from "./rpc.ts";

/** The server's settings (one set for every device). */
export const settingsApi = {
  get: () => call(client.settings.$get()),
  update: (patch: UpdateSettingsInput) => call(client.settings.$put({ json: patch })),
};
