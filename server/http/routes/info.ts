import { Hono } from "hono";
import { UpdateSettingsInput } from "../../../shared/api/inputs.ts";
import { PROTOCOL_VERSION } from "../../../shared/protocol/version.ts";
import type { HttpServices } from "../services.ts";
import { validate } from "../validate.ts";

/** Server facts the UI shows (version, CLI, transport, the permission modes it cannot run) and the settings. */
export function infoRoutes(services: HttpServices) {
  return new Hono()
    .get("/info", async (c) =>
      c.json({
        version: services.version,
        protocol: PROTOCOL_VERSION,
        dataDir: services.dataDir,
        cli: await services.cliInfo(),
        unavailablePermissionModes: services.unavailableModes,
        settings: services.settings.get(),
      }),
    )
    .post("/cli/check", async (c) => c.json({ cli: await services.cliInfo({ recheck: true }) }))
    .get("/settings", (c) => c.json({ settings: services.settings.get() }))
    .put("/settings", validate("json", UpdateSettingsInput), (c) => c.json({ settings: services.settings.update(c.req.valid("json")) }));
}
