import { Button } from "./components/button.tsx";
import { ErrorText } from "./components/error-text.tsx";
import { Spinner } from "./components/spinner.tsx";
import { AppShell } from "./features/shell/app-shell.tsx";
import { SignInScreen } from "./features/shell/sign-in-screen.tsx";
import { useBoot } from "./features/shell/use-boot.ts";
import { useViewportHeight } from "./features/shell/use-viewport-height.ts";
import { useConnectionStore } from "./stores/connection-store.ts";

/** The root: sign-in when unauthorized, a boot screen until the server answered, then the app. */
export function App() {
  useViewportHeight();
  const { bootError, retry } = useBoot();
  const auth = useConnectionStore((s) => s.auth);
  if (auth === "unauthorized") return <SignInScreen />;
  if (auth === "ok") return <AppShell />;
  return (
    <main className="flex h-full flex-col items-center justify-center gap-3 p-6 text-center">
      {bootError ? (
        <>
          <ErrorText message={bootError} />
          <Button onClick={retry}>Try again</Button>
        </>
      ) : (
        <Spinner label="Loading ChatML" className="size-6 text-accent" />
      )}
    </main>
  );
}
