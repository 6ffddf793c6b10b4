import { useState, type FormEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import type { PermissionMode, Workspace } from "../../../../shared/index.ts";
import type { UnavailablePermissionMode } from "../../../../shared/api/permission-modes.ts";
import { Button, buttonLook } from "../../components/button.tsx";
import { ScreenLink } from "../../components/route-link.tsx";
import { ShowMoreItem, useCappedList } from "../../components/capped-list.tsx";
import { ErrorText } from "../../components/error-text.tsx";
import { Spinner } from "../../components/spinner.tsx";
import { pickableModeOf } from "../../lib/permission-modes.ts";
import { useConversationsStore } from "../../stores/conversations-store.ts";
import { useUnavailablePermissionModes } from "../../stores/server-facts-store.ts";
import { PickableModeOptions, UnavailableModesNote } from "../../components/permission-mode-option.tsx";
import { TopBar } from "../shell/top-bar.tsx";
import { BillingNote, useDefaultMode } from "./billing-note.tsx";
import { DirBrowser } from "./dir-browser.tsx";
import { useDirListing } from "./use-dir-listing.ts";
import { useStart } from "./use-start.ts";

/**
 * "New": a session in one of the repositories added (its own branch and worktree), or a folder picked (browse the
 * server or type a path) and a conversation started there.
 */
export function StartScreen() {
  const repositories = useConversationsStore(useShallow((s) => Object.values(s.workspaces).filter(isStartableRepository).sort((a, b) => b.createdAt - a.createdAt)));
  return (
    <>
      <TopBar title="New conversation" />
      <main className="min-h-0 flex-1 overflow-y-auto pb-[env(safe-area-inset-bottom)]">
        <div className="mx-auto flex max-w-2xl flex-col gap-4 p-4">
          {repositories.length > 0 ? (
            <>
              <RepositoryStarts repositories={repositories} />
              <h2 className="text-sm font-semibold">In a folder (no worktree)</h2>
            </>
          ) : null}
          <StartPanel hasRepositoriesAbove={repositories.length > 0} />
        </div>
      </main>
    </>
  );
}

/** The quick path: a folder in, a conversation out (no worktree). Used on the start screen and on home. */
export function StartPanel({ hasRepositoriesAbove = false }: { hasRepositoriesAbove?: boolean }) {
  // What the user typed or picked. Empty means "the folder listed below" (shown as the placeholder): the listing
  // arrives asynchronously and must never rewrite text the user is typing.
  const [typedPath, setPath] = useState("");
  const [mode, setMode] = useState<PermissionMode>("default");
  const dirs = useDirListing();
  const { start, isStarting, errorFor } = useStart();
  const conversationMode = useDefaultMode();
  const unavailable = useUnavailablePermissionModes();

  const listedPath = dirs.listing?.path;
  // Only a folder the user typed or picked: the listing starts in the server's home folder, and starting there
  // without being asked was a surprise.
  const path = typedPath.trim();

  const openDir = (p: string) => {
    setPath(p);
    dirs.open(p);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void start(path, mode, conversationMode.mode ?? "chat");
  };

  return (
    <>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            Claude works directly in the folder you pick (no worktree, no branch of its own): type a path or pick one
            below. To give each task its own branch and review what Claude changed,{" "}
            {hasRepositoriesAbove ? "start in a repository above instead." : "add a repository instead."}
          </p>
          <form onSubmit={onSubmit} className="flex flex-col gap-3">
            <label className="flex flex-col gap-1.5">
              <span className="text-sm font-medium">Folder</span>
              <input
                aria-label="Folder path"
                value={typedPath}
                onChange={(e) => setPath(e.target.value)}
                onBlur={() => /^[/~]/.test(path) && path !== listedPath && dirs.open(path)}
                placeholder={listedPath ?? "/home/me/project"}
                autoCapitalize="off"
                autoCorrect="off"
                spellCheck={false}
                className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 font-mono text-sm dark:border-stone-700 dark:bg-stone-900"
              />
            </label>
            <div className="flex flex-wrap items-end gap-3">
              <ModeSelect mode={mode} onChange={setMode} unavailable={unavailable} />
              <Button type="submit" variant="primary" disabled={isStarting || path === ""} className="px-5">
                {isStarting ? <Spinner /> : null}
                {path === "" ? "Pick a folder to start" : "Start conversation"}
              </Button>
            </div>
            {/* Under the row, not under the select: it appears once the server has answered, and beside the button it
                moved Start down under a finger (or a click) already on its way. */}
            <UnavailableModesNote unavailable={unavailable} />
            <ErrorText message={errorFor(path)} />
          </form>
          <BillingNote mode={conversationMode.mode} onChange={conversationMode.change} error={conversationMode.error} />
          <RecentFolders onPick={openDir} />
          <DirBrowser listing={dirs.listing} error={dirs.errorFor(path)} isLoading={dirs.isLoading} onOpen={openDir} />
    </>
  );
}

/** How many repositories "New" offers before "Show N more repositories". */
const REPOSITORY_ROWS = 5;

const isStartableRepository = (w: Workspace) => w.isGitRepo && w.archivedAt === null && w.problem === null;

/**
 * With repositories added, "New" leads to a session in each first: only the folder start was offered, and its own text
 * said to add a repository instead, to a user who had.
 */
function RepositoryStarts({ repositories }: { repositories: Workspace[] }) {
  // The newest few: with every repository listed, a dozen of them pushed the folder start off the screen.
  const list = useCappedList(repositories, () => false, REPOSITORY_ROWS);
  return (
    <section aria-label="New session in a repository" className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold">In a repository</h2>
      <p className="text-sm text-stone-600 dark:text-stone-400">A session of its own: its own branch and worktree, and a review of what Claude changed.</p>
      <ul className="flex flex-col gap-1">
        {list.shown.map((w) => (
          <li key={w.id}>
            <ScreenLink route={{ view: "workspace", id: w.id }} aria-label={`New session in ${w.name}`} title={w.path} className={buttonLook("secondary", "w-full justify-start")}>
              <span className="shrink-0 font-medium">{w.name}</span>
              <span className="min-w-0 truncate font-mono text-xs text-stone-500 dark:text-stone-400">{w.path}</span>
            </ScreenLink>
          </li>
        ))}
        <ShowMoreItem list={list} noun="repository" />
      </ul>
    </section>
  );
}

function ModeSelect({ mode, onChange, unavailable }: { mode: PermissionMode; onChange: (mode: PermissionMode) => void; unavailable: readonly UnavailablePermissionMode[] }) {
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1.5">
      <label className="flex flex-col gap-1.5">
        <span className="text-sm font-medium">Permission mode</span>
        <select
          value={mode}
          onChange={(e) => onChange(pickableModeOf(e.target.value))}
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-2 text-sm dark:border-stone-700 dark:bg-stone-900"
        >
          <PickableModeOptions unavailable={unavailable} />
        </select>
      </label>
    </div>
  );
}

function RecentFolders({ onPick }: { onPick: (path: string) => void }) {
  const workspaces = useConversationsStore(
    useShallow((s) => Object.values(s.workspaces).sort((a, b) => b.createdAt - a.createdAt).slice(0, 6)),
  );
  if (workspaces.length === 0) return null;
  return (
    <section aria-label="Recent folders" className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-stone-500 dark:text-stone-400">Recent:</span>
      {workspaces.map((w) => (
        <Button key={w.id} onClick={() => onPick(w.path)} title={w.path} className="max-w-full">
          <span className="truncate">{w.name}</span>
        </Button>
      ))}
    </section>
  );
}
