import { useServerSetting } from "../../lib/use-server-setting.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { FIELD, HINT, LABEL } from "./field.ts";

const CHOICES = [5, 10, 15, 30, 60, 120, 240];

/** How long an idle CLI runs before it sleeps (a server setting for every conversation); 0 keeps CLIs running. */
export function CliSleepSetting() {
  const { value: minutes, change, error } = useServerSetting("cliSleepAfterMinutes");
  // A value set another way (the API, a test's seconds) is shown as it is rather than rounded to a choice.
  const choices = minutes === null || minutes === 0 || CHOICES.includes(minutes) ? CHOICES : [...CHOICES, minutes].sort((a, b) => a - b);
  return (
    <label className="block space-y-1">
      {/* The words shown are the name it is called by (a voice user says what they see). */}
      <span className={LABEL}>Sleep idle processes after</span>
      <select aria-label="Sleep idle processes after" value={minutes ?? ""} disabled={minutes === null} onChange={(e) => change(Number(e.target.value))} className={FIELD}>
        {minutes === null ? <option value="">Loading…</option> : null}
        {choices.map((m) => <option key={m} value={m}>{label(m)}</option>)}
        <option value={0}>Never: keep them running</option>
      </select>
      <span className={HINT}>The Claude Code processes of every conversation. A sleeping one frees its memory; the next message wakes it with the conversation's context. Never while Claude waits for you. A new time applies at once, counted from each conversation's last activity.</span>
      <ErrorText message={error} />
    </label>
  );
}

function label(minutes: number): string {
  if (minutes < 1) return `${Math.round(minutes * 60)} seconds`;
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
