import { Button } from "./button.tsx";
import { MenuIcon } from "./icons.tsx";

/**
 * "Open menu", the drawer's button where there is no sidebar; a count on it says how many conversations elsewhere wait
 * for the user. The drawer lists them, but a phone showing another conversation said nothing of them.
 */
export function MenuButton({ waitingCount, onClick }: { waitingCount: number; onClick(): void }) {
  const label = waitingCount > 0 ? `Open menu: ${waitingCount} waiting for you` : "Open menu";
  return (
    <Button variant="ghost" aria-label={label} className="relative" onClick={onClick}>
      <MenuIcon />
      {waitingCount > 0 ? (
        <span data-testid="menu-waiting-count" aria-hidden="true" className="absolute top-1 right-0.5 min-w-4 rounded-full bg-amber-500 px-1 text-center text-[10px] leading-4 font-semibold text-white">
          {waitingCount}
        </span>
      ) : null}
    </Button>
  );
}
