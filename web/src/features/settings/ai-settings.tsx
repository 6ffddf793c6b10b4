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

/**
 * Whether a one-shot Claude call summarizes an archived session and an ended scheduled run. On by default; off, the
 * summary is put together from what is stored, with no request on the user's account.
 */
export function AiSummariesSetting() {
  return (
    <SwitchSetting setting="aiSummaries" label="Let Claude summarize archived sessions and job runs">
      When you archive a session, or a scheduled run ends, Claude writes a short summary of it: one small-model request (Haiku) each, on your
      account. Off, the summary lists what is stored instead (the conversations, the last answer, the changes; a run's ending and final
      answer), and a job's corrective run reads that.
    </SwitchSetting>
  );
}
