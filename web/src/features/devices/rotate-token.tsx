import { ConfirmDelete } from "../../components/confirm-delete.tsx";
import { remoteApi } from "./remote-api.ts";

/**
 * Rotating the sign-in token asks in place, as Revoke does: the browser's `confirm()` froze the page, could not be
 * styled for a phone, and left the keyboard nowhere. The question takes the keyboard, Escape (not the whole Devices
 * screen) or Cancel gives it back to the button; a failure is said beside the question. Once rotated, this device is
 * signed out too, and the page reloads to the sign-in page.
 */
export function RotateToken() {
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">Sign-in token</h3>
      <p className="text-xs text-stone-500">Rotating the start token signs every device out, this one included.</p>
      <ConfirmDelete
        label="Rotate token and sign everyone out"
        name="Rotate token and sign everyone out"
        question="Sign out every device, this one included? The new sign-in link is printed in the terminal where ChatML runs."
        yesLabel="Sign everyone out"
        keepLabel="Cancel"
        variant="secondary"
        onConfirm={() => remoteApi.rotateToken().then(() => location.reload())}
      />
    </section>
  );
}
