import { CopyButton } from "./copy-button.tsx";

type HowToReach = { lan: string; tunnel: string };

/** Why a phone cannot pair with a loopback-only server, and the exact commands that make it reachable. */
export function ReachHelp({ howToReach }: { howToReach: HowToReach }) {
  return (
    <div data-testid="pairing-unreachable" role="note" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-xs text-amber-950 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="font-medium">A phone cannot reach this server yet: it listens on this computer only (127.0.0.1).</p>
      <p>On the same Wi-Fi or network: stop ChatML (Ctrl+C in its terminal) and start it again with</p>
      <CommandLine command={howToReach.lan} label="network" />
      <p>From anywhere, through a tunnel (Tailscale Serve, cloudflared) that forwards to this port:</p>
      <CommandLine command={howToReach.tunnel} label="tunnel" />
      <p>Then open Devices again here: the pairing QR code appears. Other devices still have to pair before they see anything.</p>
    </div>
  );
}

function CommandLine({ command, label }: { command: string; label: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code data-testid={`reach-command-${label}`} className="min-w-0 flex-1 rounded bg-white px-2 py-1.5 font-mono break-all text-stone-900 dark:bg-stone-900 dark:text-stone-100">{command}</code>
      <CopyButton text={command} label={`Copy the ${label} command`} />
    </div>
  );
}
