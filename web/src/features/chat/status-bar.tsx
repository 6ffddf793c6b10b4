import { useState } from "react";
import type { ConversationId, ConversationStatus, PermissionMode } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ChevronIcon } from "../../components/icons.tsx";
import { ModalSheet } from "../../components/modal-sheet.tsx";
import { StatusDot } from "../../components/status-badge.tsx";
import type { ConversationView } from "../../protocol/conversation-view.ts";
import { useBudgetStore } from "../../stores/budget-store.ts";
import { useIsConnectionLost, useConnectionStore } from "../../stores/connection-store.ts";
import { cliFacts } from "./cli-facts.tsx";
import { budgetUsedUpStatus, statusExtras, statusHeadline, statusLabel } from "./status-text.ts";
import { lastKnown, presenceText } from "../../lib/last-known.ts";

interface StatusBarProps {
  id: ConversationId;
  status: ConversationStatus;
  reason: string | null;
  view: ConversationView;
  /** The permission mode stored for the conversation, said when Claude Code has not reported one to this page. */
  storedMode?: PermissionMode | null;
  /** Phones: one short headline; the rest (and who else is here) on tap. */
  isCompact: boolean;
}

/**
 * The conversation's state, always visible: status (+ reason), CLI activity, API retries, live token count. While the
 * connection is lost it says the status is only the last known one.
 */
export function StatusBar({ id, status, reason, view, storedMode = null, isCompact }: StatusBarProps) {
  const [isOpen, setOpen] = useState(false);
  const isLastKnown = useIsConnectionLost();
  const said = (text: string) => (isLastKnown ? lastKnown(text) : text);
  const budgetSaid = budgetUsedUpStatus(status, useBudgetStore((s) => (s.byConversation[id]?.exhausted ?? null) !== null));
  const label = said(budgetSaid ?? statusLabel(status, reason));
  const extras = statusExtras(view, status, !isLastKnown, storedMode);
  if (!isCompact) {
    return (
      <div className="flex min-h-8 min-w-0 max-w-[65%] shrink-0 items-center gap-2 overflow-hidden px-1 py-1 text-xs">
        <StatusText status={status} isLastKnown={isLastKnown} text={label} className="line-clamp-2" />
        {extras.map((text) => (
          <span key={text} className="truncate text-stone-500 dark:text-stone-400">
            · {text}
          </span>
        ))}
      </div>
    );
  }
  const headline = said(budgetSaid ?? statusHeadline(view, status, reason, storedMode));
  return (
    <>
      <Button variant="ghost" aria-label={`Status: ${headline}. Details`} className="min-w-0 shrink justify-start px-2 text-xs" onClick={() => setOpen(true)}>
        <StatusText status={status} isLastKnown={isLastKnown} text={headline} className="truncate" />
        <ChevronIcon width={14} height={14} className="shrink-0 text-stone-400" />
      </Button>
      {isOpen ? <StatusSheet id={id} label={label} extras={extras} status={status} isLastKnown={isLastKnown} cli={cliFacts(view.cliSession, status)?.full ?? null} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function StatusText({ status, isLastKnown, text, className }: { status: ConversationStatus; isLastKnown: boolean; text: string; className: string }) {
  return (
    <span data-testid="conversation-status" data-status={status} data-last-known={isLastKnown || undefined} role="status" className="inline-flex min-w-0 items-center gap-1.5 font-medium">
      <StatusDot status={status} isLastKnown={isLastKnown} />
      <span className={className} title={text}>
        {text}
      </span>
    </span>
  );
}

/** The whole status on a phone: the full label, every detail on its own line, the CLI and its transport, the devices here. */
function StatusSheet({ id, label, extras, status, isLastKnown, cli, onClose }: { id: ConversationId; label: string; extras: string[]; status: ConversationStatus; isLastKnown: boolean; cli: string | null; onClose: () => void }) {
  const presence = useConnectionStore((s) => s.presence[id]);
  return (
    <ModalSheet title="Conversation status" onClose={onClose}>
      <ul data-testid="status-details" className="flex flex-col gap-1 text-sm">
        <li className="inline-flex items-center gap-2 font-medium">
          <StatusDot status={status} isLastKnown={isLastKnown} />
          {label}
        </li>
        {extras.map((text) => (
          <li key={text} className="text-stone-600 dark:text-stone-400">{text}</li>
        ))}
        {cli ? (
          <li data-testid="cli-facts" className="text-stone-600 dark:text-stone-400">
            {cli}
          </li>
        ) : null}
        {presence && presence.length > 0 ? (
          <li data-testid="presence" className="text-stone-600 dark:text-stone-400">
            {presenceText(presence, isLastKnown)}
          </li>
        ) : null}
      </ul>
      <Button variant="secondary" onClick={onClose}>Close</Button>
    </ModalSheet>
  );
}
