/** Shown when the server answers 401: the cookie is missing or stale. */
export function SignInScreen() {
  return (
    <main className="flex h-full items-center justify-center p-6">
      <div className="max-w-md space-y-3 text-center">
        <h1 className="text-xl font-semibold">Sign in to ChatML</h1>
        <p className="text-stone-600 dark:text-stone-400">
          Open the link printed in the terminal (with its token) to sign in.
        </p>
        <p className="text-sm text-stone-500">
          It looks like <code className="font-mono">http://host:port/?token=…</code>. The token is stored in a cookie on
          this device, so you only need it once per browser.
        </p>
      </div>
    </main>
  );
}
