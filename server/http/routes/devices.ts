import { Hono } from "hono";
import { DeviceIdParam, UpdateDeviceInput } from "../../../shared/api/inputs.ts";
import type { RemoteAccess } from "../../core/remote/remote-access.ts";
import { principalOf } from "../middleware/security.ts";
import { validate } from "../validate.ts";

/** Signed-in devices (list, rename, notification settings, revoke), the network facts, and token rotation. */
export function deviceRoutes(remote: RemoteAccess) {
  return new Hono()
    .get("/devices", (c) => {
      const principal = principalOf(c);
      const currentId = principal.kind === "device" ? principal.device.id : null;
      const devices = remote.devices.list().map((device) => ({
        ...device,
        isCurrent: device.id === currentId,
        isConnected: remote.isConnected(device.id),
        hasPush: remote.push.hasSubscription(device.id),
      }));
      return c.json({ devices, currentDeviceId: currentId });
    })
    .patch("/devices/:id", validate("param", DeviceIdParam), validate("json", UpdateDeviceInput), (c) =>
      c.json({ device: remote.devices.update(c.req.valid("param").id, c.req.valid("json")) }),
    )
    .delete("/devices/:id", validate("param", DeviceIdParam), (c) => {
      remote.devices.revoke(c.req.valid("param").id);
      return c.json({ ok: true as const });
    })
    .get("/network", (c) => c.json({ network: remote.network() }))
    .post("/auth/rotate-token", (c) => {
      remote.rotateToken();
      return c.json({ ok: true as const });
    });
}
