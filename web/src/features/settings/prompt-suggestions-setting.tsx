import { SwitchSetting } from "./switch-setting.tsx";

/**
 * Whether Claude Code predicts the next prompt after each turn, shown as a chip above the message box (a server
 * setting for every conversation; ADR 0038). Off by default: each prediction is one more model request.
 */
export function PromptSuggestionsSetting() {
  return (
    <SwitchSetting setting="promptSuggestions" label="Suggest my next message (every conversation)">
      After each reply Claude Code guesses what you will ask next; tap the chip to edit it, or its arrow to send it. Each guess is one more model
      request on your account. Applies to Claude Code processes started from now on (2.1.119 and newer; older ones never suggest).
    </SwitchSetting>
  );
}
