import type { CliSessionInfo } from "../../protocol/conversation-view.ts";

/**
 * Which Claude Code the conversation last launched and how ChatML talks to it (the `cli.session.updated` event's
 * version and transport): `short` for the desktop header, `full` for the phone's status details. Null before the CLI
 * has reported (or for the interactive terminal's runs, which report neither).
 */
export function cliFacts(info: Pick<CliSessionInfo, "cliVersion" | "transport"> | null): { short: string; full: string } | null {
  if (!info || (!info.cliVersion && !info.transport)) return null;
  const transport = info.transport === "sdk-url" ? "--sdk-url" : info.transport;
  const version = info.cliVersion ? `Claude Code ${info.cliVersion}` : "Claude Code";
  return {
    short: [info.cliVersion ? `CLI ${info.cliVersion}` : null, transport].filter(Boolean).join(" · "),
    full: transport ? `${version} over ${transport}` : version,
  };
}

/** The CLI version and transport the conversation last launched with, kept small beside the header's buttons. */
export function CliFactsChip({ info }: { info: CliSessionInfo | null }) {
  const facts = cliFacts(info);
  if (!facts) return null;
  return (
    <span data-testid="cli-facts" title={facts.full} className="shrink-0 whitespace-nowrap rounded border border-stone-200 px-1.5 py-0.5 font-mono text-[11px] text-stone-500 dark:border-stone-800 dark:text-stone-400">
      {facts.short}
    </span>
  );
}
