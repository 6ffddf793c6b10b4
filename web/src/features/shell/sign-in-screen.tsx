/** Shown when the server answers 401: the cookie is missing or stale. */
export function SignInScreen() {
  return (
    <main className="flex h-full items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center">
        <h1 className="text-xl font-semibold">Sign in to ChatML</h1>
        <p className="text-stone-600 dark:text-stone-400">
          Open the sign-in link ChatML printed in the terminal. Each link works once, for a few minutes; this browser
          then keeps its own sign-in.
        </p>
        <p className="text-sm text-stone-500">
          Need a new link? Run <code className="font-mono">chatml login-link</code> on the computer where ChatML runs,
          or open <strong>Devices → Pair a device</strong> on a device that is already signed in.
        </p>
      </div>
    </main>
  );
}
