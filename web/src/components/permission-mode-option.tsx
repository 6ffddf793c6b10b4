import type { UnavailablePermissionMode } from "../../../shared/api/permission-modes.ts";
import type { PermissionMode } from "../../../shared/index.ts";
import { MODES_BEING_CHECKED, PICKABLE_MODES } from "../lib/permission-modes.ts";

/** A mode picker's options: the modes a user picks, one the server cannot run disabled, saying why in a few words (ADR 0097). */
export function PickableModeOptions({ unavailable }: { unavailable: readonly UnavailablePermissionMode[] }) {
  return <>{PICKABLE_MODES.map((m) => <ModeOption key={m.value} value={m.value} label={m.label} unavailable={unavailable} />)}</>;
}

function ModeOption({ value, label, unavailable }: { value: PermissionMode; label: string; unavailable: readonly UnavailablePermissionMode[] }) {
  const why = unavailable.find((u) => u.mode === value)?.why;
  return <option value={value} disabled={why !== undefined}>{why ? `${label} (${why})` : label}</option>;
}

/** Beside a mode picker: why the modes it offers disabled cannot be used, in full. */
export function UnavailableModesNote({ unavailable }: { unavailable: readonly UnavailablePermissionMode[] }) {
  const refused = unavailable.filter((u) => !MODES_BEING_CHECKED.includes(u));
  if (refused.length === 0) return null;
  return (
    <div className="space-y-1 text-xs text-stone-500 dark:text-stone-400">
      {refused.map((u) => <p key={u.mode}>{u.reason}</p>)}
    </div>
  );
}
