import { SwitchSetting } from "./switch-setting.tsx";

/**
 * Whether a one-shot Claude call names new conversations and their sessions (a server setting; ADR 0203). On by
 * default; off saves a small-model request per new conversation, which an API key pays for.
 */
export function AiTitlesSetting() {
  return (
    <SwitchSetting setting="aiTitles" label="Let Claude title new conversations">
      A new conversation is named at once from the first words of your first message; with this on, Claude then writes a short title for it (and
      its session). Each title is one small-model request (Haiku) on your account. Off, the first words stay. Applies to conversations started
      from now on.
    </SwitchSetting>
  );
}
