import { useServerSetting } from "../../lib/use-server-setting.ts";
import { DraftField } from "./draft-field.tsx";

/**
 * How many job runs may run at once (a server setting, 1 to 8). Typed rather than picked so that the server stays
 * the judge of what it accepts: a refused number stays in the field beside the server's reason.
 */
export function JobConcurrencySetting() {
  const { value, change, error } = useServerSetting("jobConcurrency");
  return (
    <DraftField
      label="Job runs at once"
      saved={value === null ? null : String(value)}
      onSave={(draft) => change(draft.trim() === "" ? Number.NaN : Number(draft))}
      error={error}
      // A run waiting for the user holds no slot (ADR 0021): without saying so, a limit of 1 seemed to promise one run at most.
      hint="How many scheduled job runs may work at the same time (1 to 8); the others wait their turn. A run waiting for you (to allow a tool or answer a question) does not count: others start meanwhile."
      input={{ type: "number", inputMode: "numeric", min: 1, max: 8, step: 1 }}
    />
  );
}
