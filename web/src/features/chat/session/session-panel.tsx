import { useRef, useState } from "react";
import type { Conversation, ConversationId, ConversationStatus, EffortLevel, ModelOption, PermissionMode } from "../../../../../shared/index.ts";
import { Button, buttonLook } from "../../../components/button.tsx";
import { ScreenLink } from "../../../components/route-link.tsx";
import { ConfirmDelete } from "../../../components/confirm-delete.tsx";
import { CloseIcon } from "../../../components/icons.tsx";
import { ErrorText } from "../../../components/error-text.tsx";
import { STATUS_LABELS } from "../../../components/status-badge.tsx";
import { api } from "../../../lib/api.ts";
import { workspacesApi } from "../../../lib/workspaces-api.ts";
import { useUnavailablePermissionModes } from "../../../stores/server-facts-store.ts";
import { PickableModeOptions, UnavailableModesNote } from "../../../components/permission-mode-option.tsx";
import type { ConversationView } from "../../../protocol/conversation-view.ts";
import { CheckpointList } from "../../checkpoints/index.ts";
import { McpPanel } from "../../mcp/index.ts";
import { UsagePanel } from "./usage-panel.tsx";
import { useSessionCommand } from "./use-session-command.ts";
import { usePick } from "./use-pick.ts";
import { SettingSelect } from "./setting-select.tsx";
import { cliFacts } from "../cli-facts.tsx";
import { lastKnown } from "../../../lib/last-known.ts";
import { EFFORT_CHOICES, EFFORT_HINT } from "../../../lib/effort-levels.ts";
import { useIsConnectionLost } from "../../../stores/connection-store.ts";
import { useModalFocus } from "../../../lib/focus-layer.ts";
import { deleteHere } from "../../../stores/removed-screens.ts";
import { conversationTitle } from "../../../lib/shown-title.ts";


/**
 * How many times the conversation's checkpoints can have changed, as its timeline shows: a user's message (its turn
 * takes one) and a notice (a rewind says so in one). An answer's text, tools and turn ends move the timeline item by
 * item but take no checkpoint, and each listing read is a scan of the conversation's snapshots.
 */
function checkpointMoments(view: ConversationView): number {
  return view.items.filter((item) => item.kind === "notice" || (item.kind === "message" && view.messages[item.id]?.role === "user")).length;
}

interface SessionPanelProps {
  id: ConversationId;
  conversation: Conversation | undefined;
  view: ConversationView;
  /** The live CLI's models, or the ones the last CLI of this version reported. */
  models: ModelOption[];
  status: ConversationStatus;
  /** Opened to raise a used-up budget: the limit that is used up has the focus. */
  isBudgetAsked?: boolean;
  onClose: () => void;
}

/**
 * Session controls: model, permission mode (bypass only after confirming), usage, checkpoints, MCP, the CLI process;
 * what holds for every conversation or this whole device is on the Settings screen, one link away.
 */
export function SessionPanel({ id, conversation, view, models, status, isBudgetAsked = false, onClose }: SessionPanelProps) {
  const { run, busy, error, failed } = useSessionCommand();
  const [pendingBypass, setPendingBypass] = useState(false);
  const unavailableModes = useUnavailablePermissionModes();
  const mode = view.permissionMode ?? conversation?.permissionMode ?? "default";
  const model = conversation?.model ?? "";
  const modelPick = usePick(model);
  const effortPick = usePick<string>(conversation?.effort ?? "");
  const modePick = usePick<string>(mode);
  const saveMode = (next: PermissionMode) => void modePick.save(next, () => run("mode", (c) => api.setPermissionMode(id, c, next)));
  const setMode = (next: PermissionMode) => (next === "bypassPermissions" ? setPendingBypass(true) : saveMode(next));
  // Opened from the keyboard, the next Tab went on along the top bar behind the sheet, and closing it dropped focus
  // to the page: the panel takes focus as it opens (a raised budget's limit keeps its own) and gives it back.
  const sheet = useRef<HTMLDivElement>(null);
  useModalFocus(sheet);
  return (
    // The card scrolls its settings within itself and keeps its actions in view under them: in a short window (a laptop
    // at 600 px) they sat below usage, checkpoints and MCP, a scroll away from the card's own header.
    <div ref={sheet} role="dialog" aria-label="Session controls" tabIndex={-1} className="fixed inset-x-0 bottom-0 z-40 flex max-h-[85dvh] flex-col rounded-t-2xl border-t border-stone-200 bg-white p-4 pb-[max(1rem,env(safe-area-inset-bottom))] shadow-2xl md:inset-x-auto md:right-4 md:top-16 md:bottom-auto md:max-h-[calc(100dvh-5rem)] md:w-96 md:rounded-2xl md:border dark:border-stone-800 dark:bg-stone-950 outline-none">
      <div className="mb-3 flex shrink-0 items-center">
        <h2 className="flex-1 font-semibold">Session</h2>
        <AppSettingsLink />
        <button type="button" aria-label="Close session controls" onClick={onClose} className="inline-flex size-11 items-center justify-center rounded-lg hover:bg-stone-100 dark:hover:bg-stone-800"><CloseIcon /></button>
      </div>
      <div data-testid="session-controls-body" className="-mx-1 min-h-0 flex-1 space-y-4 overflow-y-auto px-1 pb-2 text-sm">
        <ProcessState view={view} status={status} reason={conversation?.statusReason ?? null} />
        <SettingSelect label="Model" value={modelPick.shown} isSaving={modelPick.isSaving} error={failed === "model" ? error : null} disabled={busy !== null}
          onPick={(next) => void modelPick.save(next, () => run("model", (c) => api.setModel(id, c, next || null)))}>
          <option value="">Default{view.cliSession?.model ? ` (${view.cliSession.model})` : ""}</option>
          {/* The CLI lists its own "default" too ("Default (recommended)"): a second Default beside the one above,
              kept only while it is what this conversation was set to (or picked). */}
          {models.filter((m) => m.value !== "default" || modelPick.shown === "default").map((m) => <option key={m.value} value={m.value}>{m.displayName}</option>)}
          {model && !models.some((m) => m.value === model) ? <option value={model}>{model}</option> : null}
        </SettingSelect>
        <SettingSelect label="Effort" value={effortPick.shown} isSaving={effortPick.isSaving} error={failed === "effort" ? error : null} disabled={busy !== null}
          hint={`${EFFORT_HINT} Applies to what Claude does next.`}
          onPick={(next) => void effortPick.save(next, () => run("effort", (c) => api.setEffort(id, c, (next || null) as EffortLevel | null)))}>
          <option value="">Default</option>
          {EFFORT_CHOICES.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
        </SettingSelect>
        <SettingSelect label="Permission mode" value={modePick.shown} isSaving={modePick.isSaving} error={failed === "mode" ? error : null} disabled={busy !== null} onPick={(next) => setMode(next as PermissionMode)}>
          <PickableModeOptions unavailable={unavailableModes} />
        </SettingSelect>
        <UnavailableModesNote unavailable={unavailableModes} />
        {pendingBypass ? <BypassConfirm onCancel={() => setPendingBypass(false)} onConfirm={() => { setPendingBypass(false); saveMode("bypassPermissions"); }} /> : null}
        <UsagePanel id={id} contextUsage={view.contextUsage} lastTurnAt={view.lastTurn?.at ?? null} isRunning={status === "running" || status === "waiting"} isBudgetAsked={isBudgetAsked} />
        <CheckpointList id={id} isBusy={status === "running" || status === "waiting" || status === "starting"} changes={checkpointMoments(view)} />
        <McpPanel id={id} />
      </div>
      <div data-testid="session-actions" className="shrink-0 space-y-2 border-t border-stone-200 pt-3 text-sm dark:border-stone-800">
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" disabled={busy !== null || status === "idle" || status === "exited"} onClick={() => void run("stop", (c) => api.stop(id, c))}>End process</Button>
          <Button disabled={busy !== null} onClick={() => void run("relaunch", (c) => api.relaunch(id, c))}>Relaunch</Button>
          <ConfirmDelete
            label="Delete conversation…"
            name="Delete conversation"
            variant="secondary"
            question={`Delete “${conversation ? conversationTitle(conversation) : "this conversation"}” and its whole history on every device? Its Claude Code process is stopped. This cannot be undone.`}
            onConfirm={() => deleteHere(`#/c/${id}`, () => workspacesApi.deleteConversation(id))}
          />
        </div>
        {/* A setting's refusal is said under that setting. */}
        <ErrorText message={failed === "model" || failed === "effort" || failed === "mode" ? null : error} />
      </div>
    </div>
  );
}

/**
 * The way to the app-wide preferences (theme, text size, Enter key, idle sleep, suggestions…), which used to sit here.
 * In the header, where nothing loads above it: at the foot of the body it moved down twice as the budget, checkpoints
 * and MCP servers arrived, so a tap (or a test's click) just after the sheet opened landed on whatever took its place.
 */
function AppSettingsLink() {
  return (
    <ScreenLink route={{ view: "settings" }} title="Theme, text size, Enter key, notifications, idle sleep and suggestions apply beyond this conversation" className={buttonLook("ghost", "text-xs")}>
      App settings
    </ScreenLink>
  );
}

function ProcessState({ view, status, reason }: { view: ConversationView; status: ConversationStatus; reason: string | null }) {
  // With no process running they are the last one's, and say so (the same facts as the header chip's).
  const facts = cliFacts(view.cliSession, status);
  const isLastKnown = useIsConnectionLost();
  return (
    <p data-testid="process-state">
      <span className="font-medium">{isLastKnown ? lastKnown(STATUS_LABELS[status]) : STATUS_LABELS[status]}</span>
      {reason ? <span className="text-stone-500"> — {reason}</span> : null}
      {facts ? <span className="block text-xs text-stone-500">{facts.isLastKnown ? `Last ran ${facts.short}` : facts.short}</span> : null}
    </p>
  );
}

function BypassConfirm({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => void }) {
  return (
    <div role="alertdialog" aria-label="Confirm bypass permissions" className="space-y-2 rounded-lg border-2 border-red-400 bg-red-50 p-3 dark:bg-red-950/40">
      <p className="text-sm">Bypass lets Claude run every tool — commands, edits, network — without asking. Only use it in a folder you can afford to lose.</p>
      <div className="flex gap-2">
        <Button variant="danger" onClick={onConfirm}>Enable bypass</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}
