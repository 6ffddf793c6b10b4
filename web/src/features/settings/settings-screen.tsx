import type { ReactNode } from "react";
import { Button } from "../../components/button.tsx";
import { useUiStore } from "../../stores/ui-store.ts";
import { TopBar } from "../shell/top-bar.tsx";
import { BillingNote, useDefaultMode } from "../start/billing-note.tsx";
import { AiSummariesSetting, AiTitlesSetting } from "./ai-settings.tsx";
import { ClaudeBinSetting } from "./claude-bin-setting.tsx";
import { CliSleepSetting } from "./cli-sleep-setting.tsx";
import { DisplaySettings } from "./display-settings.tsx";
import { JobConcurrencySetting } from "./job-concurrency-setting.tsx";
import { PromptSuggestionsSetting } from "./prompt-suggestions-setting.tsx";
import { TransportSetting } from "./transport-setting.tsx";

/**
 * Every app-wide preference, in two groups that say where each one is kept: this device's (localStorage) and the
 * server's, which every signed-in device shares. What concerns one conversation stays in its Session controls.
 */
export function SettingsScreen() {
  const openDevices = useUiStore((s) => s.setDevicesOpen);
  return (
    <>
      <TopBar title="Settings" />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-2xl flex-col gap-4 p-4">
          <Group title="This device" note="Kept in this browser only; your other devices keep their own.">
            <DisplaySettings />
            <div className="flex flex-wrap items-center gap-2 border-t border-stone-200 pt-3 text-sm dark:border-stone-800">
              <span className="min-w-0 flex-1">Push notifications, even with ChatML closed, are turned on per device in Devices.</span>
              <Button onClick={() => openDevices(true)}>Open Devices</Button>
            </div>
          </Group>
          <Group title="Every device" note="Kept on the server; every signed-in device uses the same values.">
            <CliSleepSetting />
            <PromptSuggestionsSetting />
            <AiTitlesSetting />
            <AiSummariesSetting />
            <DefaultModeSetting />
            <JobConcurrencySetting />
          </Group>
          <Group title="Claude Code (every device)" note="Which Claude Code the server runs and how it talks to it. The defaults suit almost everyone.">
            <ClaudeBinSetting />
            <TransportSetting />
          </Group>
        </div>
      </main>
    </>
  );
}

/** The mode new conversations start in, with what each mode bills against (the New conversation form shows the same). */
function DefaultModeSetting() {
  const { mode, change, error } = useDefaultMode();
  return <BillingNote mode={mode} onChange={change} error={error} />;
}

function Group({ title, note, children }: { title: string; note: string; children: ReactNode }) {
  const id = `settings-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900/40">
      <div>
        <h2 id={id} className="text-base font-semibold">{title}</h2>
        <p className="text-sm text-stone-500 dark:text-stone-400">{note}</p>
      </div>
      {children}
    </section>
  );
}
