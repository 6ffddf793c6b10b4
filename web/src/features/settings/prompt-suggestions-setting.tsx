import { useServerSetting } from "../../lib/use-server-setting.ts";
import { ErrorText } from "../../components/error-text.tsx";
import { HINT } from "./field.ts";

/**
 * Whether Claude Code predicts the next prompt after each turn, shown as a chip above the message box (a server
 * setting for every conversation; ADR 0038). Off by default: each prediction is one more model request.
 */
export function PromptSuggestionsSetting() {
  const { value: isOn, change, error } = useServerSetting("promptSuggestions");
  return (
    <div className="space-y-1">
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" className="size-5" checked={isOn ?? false} disabled={isOn === null} onChange={(e) => change(e.target.checked)} />
        <span className="text-sm font-medium">Suggest my next message (every conversation)</span>
      </label>
      <span className={HINT}>
        After each reply Claude Code guesses what you will ask next; tap the chip to edit it, or its arrow to send it. Each guess is one more model
        request on your account. Applies to Claude Code processes started from now on (2.1.119 and newer; older ones never suggest).
      </span>
      <ErrorText message={error} />
    </div>
  );
}
