import type { TransportSetting as Transport } from "../../../../shared/index.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { useServerSetting } from "../../lib/use-server-setting.ts";
import { FIELD, HINT, LABEL } from "./field.ts";

const CHOICES: Array<{ value: Transport; label: string }> = [
  { value: "auto", label: "Automatic (recommended)" },
  { value: "sdk-url", label: "WebSocket (--sdk-url)" },
  { value: "stdio", label: "Standard input and output (stdio)" },
];

/** How the server talks to each Claude Code process (a server setting); automatic picks by the CLI's version. */
export function TransportSetting() {
  const { value, change, error } = useServerSetting("transport");
  return (
    <label className="block space-y-1">
      <span className={LABEL}>Connection to Claude Code</span>
      <select aria-label="Connection to Claude Code" value={value ?? ""} disabled={value === null} onChange={(e) => change(e.target.value as Transport)} className={FIELD}>
        {value === null ? <option value="">Loading…</option> : null}
        {CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select>
      <span className={HINT}>Automatic uses the WebSocket where this Claude Code version supports it and stdio otherwise. Change it only to work around a problem; applies to processes started from now on.</span>
      <ErrorText message={error} />
    </label>
  );
}
