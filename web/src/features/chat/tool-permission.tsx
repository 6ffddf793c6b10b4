import { useId, useState } from "react";
import type { PermissionRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { DiffView } from "./tools/diff-view.tsx";
import { field, isDict, prettyInput } from "./tools/tool-summary.ts";
import type { Answer } from "./use-answer-permission.ts";
import { useStoredAnswerText } from "./use-request-draft.ts";

export interface AnswerProps {
  request: PermissionRequest;
  answer: (input: Answer) => Promise<void>;
  isBusy: boolean;
  error: string | null;
}

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Allow once (a Bash command may be edited first), always allow (the CLI's suggestions), or deny with a message. */
export function ToolPermission({ request, answer, isBusy, error, showKeys = false }: AnswerProps & { showKeys?: boolean }) {
  const [denyMessage, setDenyMessage] = useStoredAnswerText("denyMessages", request.id);
  const input = isDict(request.input) ? request.input : {};
  const original = request.toolName === "Bash" ? (field(input, "command") ?? "") : null;
  const [command, setCommand] = useState(original ?? "");
  const isEdited = original !== null && command !== original;
  const allow = () => void answer({ decision: "allow", ...(isEdited ? { updatedInput: { ...input, command } } : {}) });
  const alwaysAllowId = useId();
  return (
    <div className="space-y-3">
      {request.description ? <p className="text-sm">{request.description}</p> : null}
      {request.blockedPath ? <p className="font-mono text-xs text-stone-600 dark:text-stone-400">Path: {request.blockedPath}</p> : null}
      <RequestInput request={request} command={command} onCommand={original !== null ? setCommand : null} />
      {request.suggestions.length > 0 ? (
        // Each label is a change the CLI will make beyond allowing this call ("Add the allow rule Bash(npm test) for this
        // project"): the offer names the rule itself, once, under a heading that says which button makes it.
        <div id={alwaysAllowId} className="text-xs text-stone-600 dark:text-stone-400">
          <p>Always allow also:</p>
          <ul className="list-disc pl-5">
            {request.suggestions.map((s) => <li key={s.id} className="break-words">{s.label}</li>)}
          </ul>
        </div>
      ) : null}
      <input aria-label="Deny message" placeholder="Tell Claude why (optional, sent with Deny)" value={denyMessage} onChange={(e) => setDenyMessage(e.target.value)} className={FIELD} />
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" data-shortcut="allow" aria-label={isEdited ? "Allow edited" : "Allow"} disabled={isBusy} onClick={allow} aria-keyshortcuts={showKeys ? "y Alt+Y" : undefined}>
          {isEdited ? "Allow edited" : "Allow"}
          {showKeys ? <kbd aria-hidden="true" title="Y, or Alt+Y while typing" className="text-[10px] opacity-70">Y</kbd> : null}
        </Button>
        {request.suggestions.length > 0 ? (
          <Button aria-describedby={alwaysAllowId} disabled={isBusy} onClick={() => void answer({ decision: "allow", rememberSuggestionIds: request.suggestions.map((s) => s.id) })}>
            Always allow
          </Button>
        ) : null}
        <Button variant="danger" data-shortcut="deny" aria-label="Deny" disabled={isBusy} aria-keyshortcuts={showKeys ? "n Alt+N" : undefined} onClick={() => void answer({ decision: "deny", ...(denyMessage.trim() ? { message: denyMessage.trim() } : {}) })}>
          Deny
          {showKeys ? <kbd aria-hidden="true" title="N, or Alt+N while typing" className="text-[10px] opacity-70">N</kbd> : null}
        </Button>
      </div>
      <ErrorText message={error} />
    </div>
  );
}

function RequestInput({ request, command, onCommand }: { request: PermissionRequest; command: string; onCommand: ((c: string) => void) | null }) {
  if (onCommand) {
    return <textarea aria-label="Command" value={command} onChange={(e) => onCommand(e.target.value)} rows={Math.min(6, command.split("\n").length + 1)} className="w-full rounded-md bg-stone-900 p-2 font-mono text-xs text-stone-100" />;
  }
  return <ToolInputPreview toolName={request.toolName} input={request.input} />;
}

/**
 * All of what a tool call asks to do, for a permission card: an Edit's or MultiEdit's changes and a Write's content as
 * diffs, any other input whole (nothing cut: the user allows what they see).
 */
export function ToolInputPreview({ toolName, input: raw }: { toolName: string; input: unknown }) {
  const input = isDict(raw) ? raw : {};
  if (toolName === "Edit" || toolName === "MultiEdit") {
    const edits = Array.isArray(input.edits) ? input.edits.filter(isDict) : [input];
    return (
      <div className="space-y-1">
        <p className="font-mono text-xs break-all">{field(input, "file_path")}</p>
        {edits.map((e, i) => <DiffView key={i} path={field(input, "file_path")} before={String(e.old_string ?? "")} after={String(e.new_string ?? "")} />)}
      </div>
    );
  }
  if (toolName === "Write") {
    return (
      <div className="space-y-1">
        <p className="font-mono text-xs break-all">{field(input, "file_path")}</p>
        <DiffView label="New content" path={field(input, "file_path")} before="" after={String(input.content ?? "")} />
      </div>
    );
  }
  return <pre className="tool-pre bg-stone-900 text-stone-100">{prettyInput(raw)}</pre>;
}
