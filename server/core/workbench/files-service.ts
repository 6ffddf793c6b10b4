import type { OpenedFile, SaveFileInput, TreeEntry } from "../../../shared/api/workbench.ts";
import type { SessionId } from "../../../shared/ids.ts";
import type { Session } from "../../../shared/protocol/model.ts";
import type { EventBus } from "../event-bus.ts";
import type { RefreshGitSoon } from "./refresh-git-soon.ts";
import { downloadableFile, fileTree, openFile, saveFile } from "./worktree-files.ts";

/** The Files panel and the editor: a session's file tree, opening and saving files, all confined to its worktree. */
export class FilesService {
  constructor(private readonly deps: { session: (id: SessionId) => Session; bus: EventBus; refreshGitSoon: RefreshGitSoon }) {}

  tree(sessionId: SessionId, showIgnored: boolean): Promise<{ entries: TreeEntry[]; isTruncated: boolean }> {
    return fileTree(this.deps.session(sessionId).cwd, showIgnored);
  }

  open(sessionId: SessionId, path: string): OpenedFile {
    return openFile(this.deps.session(sessionId).cwd, path);
  }

  /** A file to download as it is on disk (one too large or binary to show), confined to the worktree like the rest. */
  download(sessionId: SessionId, path: string): { absolute: string; relative: string; name: string } {
    return downloadableFile(this.deps.session(sessionId).cwd, path);
  }

  /** Saves (refused with `conflict` when the file changed on disk meanwhile), then tells every device. */
  save(sessionId: SessionId, input: SaveFileInput): { path: string; version: string } {
    const saved = saveFile(this.deps.session(sessionId).cwd, input);
    this.deps.bus.publish({ kind: "workbench", sessionId, topic: "files" });
    this.deps.refreshGitSoon(sessionId, "a save");
    return saved;
  }
}
