/**
 * Git that ChatML runs never asks anything (ADR 0056). ChatML is usually started from a terminal, and the programs git
 * runs inherit it: `ssh` asks for a key's passphrase or to trust a new host on `/dev/tty`, not through git, so
 * `GIT_TERMINAL_PROMPT=0` does not stop it. The question then appears in the terminal ChatML prints to, while the user
 * watches a push (or a new session's fetch) that never ends on their phone. With `SSH_ASKPASS_REQUIRE=force`, ssh
 * (OpenSSH 8.4 and later) asks the askpass program instead of the terminal; ChatML's answers nothing, so ssh gives up
 * at once and git fails with ssh's reason, which {@link withGitHint} explains.
 */
export function noPromptsEnv(): Record<string, string> {
  return { GIT_TERMINAL_PROMPT: "0", SSH_ASKPASS: refusingAskpass(), SSH_ASKPASS_REQUIRE: "force" };
}

/**
 * What ChatML runs git as, so that git and everything it starts (ssh, hooks, gpg's pinentry) has no terminal: a hook
 * that reads `/dev/tty` ("Proceed? [y/N]") or gpg asking for the passphrase of a signing key would otherwise ask on
 * the terminal ChatML was started from and wait there, while the user watches a commit that never ends on their
 * phone. Without a terminal they fail at once with their own message, which {@link withGitHint} explains.
 * `runGit` spawns git `detached` (a new session); simple-git cannot, so it runs util-linux's `setsid git` (which
 * execs git in place: aborting still kills git). Where there is no `setsid` (macOS), plain `git`.
 */
export function detachedGitBinary(): string | [string, string] {
  setsidPath ??= Bun.which("setsid") ?? "";
  return setsidPath ? [setsidPath, "git"] : "git";
}

let setsidPath: string | null = null;
let askpass: string | null = null;
/** `false`: exits 1 with no answer, which ssh takes as "no" to a new host and as no passphrase. */
function refusingAskpass(): string {
  askpass ??= Bun.which("false") ?? "/bin/false";
  return askpass;
}

const HINTS: [RegExp, string][] = [
  [
    /Host key verification failed/,
    "ssh does not know this server's host key yet, and ChatML does not ask you to trust one. Connect once from a terminal on this machine (for example `ssh -T git@github.com`) and accept the key, then try again.",
  ],
  [
    /Permission denied \((publickey|password|keyboard-interactive)/,
    "ssh found no key it could use without asking. If your key has a passphrase, add it to your ssh agent on this machine (`ssh-add`); ChatML never asks for passphrases. Or use an HTTPS remote with a credential helper.",
  ],
  [
    /\/dev\/tty|Inappropriate ioctl for device|gpg failed to sign/,
    "Something git ran (a hook, or gpg signing the commit) wanted to ask on a terminal, and git that ChatML runs has none, so nothing waits there unseen. Let it work without asking (a signing key unlocked in gpg-agent or ssh-agent on this machine), or run this step in the session's terminal.",
  ],
  [
    // Git's own words ("Unable to create '…/index.lock': File exists. Another git process seems to be running…") run
    // on for lines about editors and crashes; the first of them, which is what a user reads, says nothing of what to do.
    /index\.lock'?: File exists/,
    "Another git process is working in this repository (a commit or fetch in a terminal, an editor's git): try again when it is done. If none is running, one that crashed left .git/index.lock behind: delete that file.",
  ],
];

/**
 * Git's error text with what to do when ssh, a hook or gpg could not ask (see {@link noPromptsEnv} and
 * {@link detachedGitBinary}), or another git holds the repository's index; otherwise the text unchanged.
 */
export function withGitHint(message: string, stderr: string): string {
  const hint = HINTS.find(([pattern]) => pattern.test(stderr))?.[1];
  return hint ? `${message}\n${hint}` : message;
}
