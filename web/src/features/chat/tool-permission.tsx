import { useState } from "react";
import type { PermissionRequest } from "../../../../shared/index.ts";
import { Button } from "../../components/button.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { bashCommand, prettyInput } from "./tool-summary.ts";
import type { Answer } from "./use-answer-permission.ts";

export interface AnswerProps {
  request: PermissionRequest;
  answer: (input: Answer) => Promise<void>;
  isBusy: boolean;
  error: string | null;
}

const FIELD = "min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900";

/** Allow once, always allow (remembering the CLI's suggestions), or deny with an optional message. */
export function ToolPermission({ request, answer, isBusy, error }: AnswerProps) {
  const [denyMessage, setDenyMessage] = useState("");
  const command = bashCommand(request.toolName, request.input);
  const suggestionIds = request.suggestions.map((s) => s.id);
  return (
    <div className="space-y-3">
      {request.description ? <p className="text-sm">{request.description}</p> : null}
      {request.blockedPath ? <p className="font-mono text-xs text-stone-600 dark:text-stone-400">Path: {request.blockedPath}</p> : null}
      <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-md bg-stone-900 p-2 font-mono text-xs text-stone-100">
        {command !== null ? `$ ${command}` : prettyInput(request.input)}
      </pre>
      {request.suggestions.length > 0 ? (
        <p className="text-xs text-stone-600 dark:text-stone-400">
          Always allow remembers: {request.suggestions.map((s) => s.label).join("; ")}
        </p>
      ) : null}
      <input
        aria-label="Deny message"
        placeholder="Tell Claude why (optional, sent with Deny)"
        value={denyMessage}
        onChange={(e) => setDenyMessage(e.target.value)}
        className={FIELD}
      />
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" disabled={isBusy} onClick={() => void answer({ decision: "allow" })}>
          Allow
        </Button>
        {suggestionIds.length > 0 ? (
          <Button disabled={isBusy} onClick={() => void answer({ decision: "allow", rememberSuggestionIds: suggestionIds })}>
            Always allow
          </Button>
        ) : null}
        <Button
          variant="danger"
          disabled={isBusy}
          onClick={() => void answer({ decision: "deny", ...(denyMessage.trim() ? { message: denyMessage.trim() } : {}) })}
        >
          Deny
        </Button>
      </div>
      <ErrorText message={error} />
    </div>
  );
}
