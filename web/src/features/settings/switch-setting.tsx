import type { ReactNode } from "react";
import type { Settings } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { useServerSetting } from "../../lib/use-server-setting.ts";
import { HINT } from "./field.ts";

type BooleanSetting = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

/**
 * A server setting that is on or off: a finger-sized checkbox named by its label, what it costs under it, and the
 * server's reason when it refuses the change (the old value then shows again).
 */
export function SwitchSetting({ setting, label, children }: { setting: BooleanSetting; label: string; children: ReactNode }) {
  const { value: isOn, change, error } = useServerSetting(setting);
  return (
    <div className="space-y-1">
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" className="size-5" checked={isOn ?? false} disabled={isOn === null} onChange={(e) => change(e.target.checked)} />
        <span className="text-sm font-medium">{label}</span>
      </label>
      <span className={HINT}>{children}</span>
      <ErrorText message={error} />
    </div>
  );
}
