import { Hono } from "hono";
import { PushSubscriptionInput } from "../../../shared/api/inputs.ts";
import type { RemoteAccess } from "../../core/remote/remote-access.ts";
import { deviceIdOf, principalOf } from "../middleware/security.ts";
import { validate } from "../validate.ts";

/** Web Push: the VAPID public key, this device's subscription, and a test notification. */
export function pushRoutes(remote: RemoteAccess) {
  return new Hono()
    .get("/push", (c) => {
      const principal = principalOf(c);
      const isSubscribed = principal.kind === "device" && remote.push.hasSubscription(principal.device.id);
      return c.json({ publicKey: remote.push.publicKey, isSubscribed });
    })
    .put("/push/subscription", validate("json", PushSubscriptionInput), (c) => {
      remote.push.subscribe(deviceIdOf(c), c.req.valid("json"));
      return c.json({ ok: true as const });
    })
    .delete("/push/subscription", (c) => {
      remote.push.unsubscribe(deviceIdOf(c));
      return c.json({ ok: true as const });
    })
    .post("/push/test", async (c) => {
      const deviceId = deviceIdOf(c);
      const delivered = await remote.push.sendToDevice(deviceId, {
        title: "ChatML notifications work",
        body: "You will be told here when a conversation needs you or finishes.",
        tag: "chatml-test",
        url: "/",
        conversationId: "",
      });
      return c.json({ delivered });
    });
}
