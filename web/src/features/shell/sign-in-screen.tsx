import { useEffect } from "react";
import { useConnectionStore } from "../../stores/connection-store.ts";
import { keepReturnRoute } from "./return-route.ts";

/**
 * Shown when the server answers 401: the cookie is missing or stale; says why when the server told us. Keeps the
 * screen the address names, for the app to open once signed in again (ADR 0251).
 */
export function SignInScreen() {
  useEffect(() => keepReturnRoute(localStorage, location.hash, Date.now()), []);
  const reason = useConnectionStore((s) => s.signedOutReason);
  const isSignedOut = reason !== null;
  return (
    <main className="flex h-full items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center">
        <h1 className="text-xl font-semibold">{isSignedOut ? "This device was signed out" : "Sign in to ChatML"}</h1>
        {isSignedOut ? <p role="alert" className="rounded-lg bg-amber-50 p-3 text-left text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">{reason}</p> : null}
        <p className="text-stone-600 dark:text-stone-400">
          Open the sign-in link ChatML printed in the terminal. Each link works once, for a few minutes; this browser
          then keeps its own sign-in.
        </p>
        <p className="text-sm text-stone-500">
          Need a new link? Run <code className="font-mono">bunx chatml login-link</code> on the computer where ChatML runs
          (in a clone of ChatML&apos;s repository: <code className="font-mono">bun bin/chatml.ts login-link</code>), or open{" "}
          <strong>Devices → Pair a device</strong> on a device that is already signed in.
        </p>
      </div>
    </main>
  );
}
