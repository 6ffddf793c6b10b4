import { useEffect, useRef, useState } from "react";
import { api } from "../../lib/api.ts";
import type { CliInfo } from "../../lib/cli-guidance.ts";
import { errorMessage } from "../../lib/http.ts";
import { useServerSetting } from "../../lib/use-server-setting.ts";
import { DraftField } from "./draft-field.tsx";
import { HINT } from "./field.ts";

/**
 * Which Claude Code binary the server runs (a server setting): empty finds it on the PATH. The server stores any
 * path, so after each change it looks for the CLI again and the screen says what it found, or why not.
 */
export function ClaudeBinSetting() {
  const { value, isLoaded, change, error } = useServerSetting("claudeBin");
  const found = useFoundCli(isLoaded ? value : undefined);
  return (
    <DraftField
      label="Claude Code binary"
      saved={isLoaded ? (value ?? "") : null}
      savedNote={value === null ? "found automatically" : undefined}
      onSave={(draft) => change(draft.trim() === "" ? null : draft.trim())}
      error={error}
      hint="A full path on the machine running ChatML; leave empty to find claude automatically. Applies to processes started from now on."
      input={{ type: "text", placeholder: "Found automatically", spellCheck: false, autoCapitalize: "off", autoCorrect: "off" }}
    >
      {found ? <span className={HINT} role="status">{found.text}</span> : null}
      {found?.notice ? <span role="note" className="block text-xs text-amber-800 dark:text-amber-300">{found.notice}</span> : null}
    </DraftField>
  );
}

/**
 * What the server finds for the saved path, asked again whenever it changes, with its notice when that CLI is newer than
 * any ChatML was tested with; null until known.
 */
function useFoundCli(path: string | null | undefined): { text: string; notice: string | null } | null {
  const [found, setFound] = useState<{ text: string; notice: string | null } | null>(null);
  const isFirst = useRef(true);
  useEffect(() => {
    if (path === undefined) return;
    const request = isFirst.current ? api.info() : api.checkCli();
    isFirst.current = false;
    let isCurrent = true;
    request.then(
      ({ cli }) => isCurrent && setFound({ text: describe(cli), notice: cli.notice }),
      (e: unknown) => isCurrent && setFound({ text: `Could not ask the server: ${errorMessage(e)}`, notice: null }),
    );
    return () => {
      isCurrent = false;
    };
  }, [path]);
  return found;
}

/**
 * The server's error is a whole sentence that says what went wrong (missing, not executable, too slow to answer), so it
 * is shown as it is: a "Not found:" before it was wrong for a CLI that is there but slow, and said "not found" twice.
 */
function describe(cli: CliInfo): string {
  if (cli.error !== null && cli.path !== null) return `Cannot be used: ${cli.error}`;
  if (cli.error !== null || cli.path === null) return cli.error ?? "No claude binary was found.";
  return `In use: ${cli.path}${cli.version ? ` (Claude Code ${cli.version})` : ""}`;
}
