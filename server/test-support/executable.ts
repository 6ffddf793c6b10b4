/**
 * Writes a script a test runs (a stand-in CLI, a git hook). Written from this process, the file is open for writing
 * while another worker thread of the run forks (git, a PTY, a CLI), and that child holds the handle until it execs:
 * running the script then fails with ETXTBSY ("text file busy"). A shell writes it instead, and no child of this
 * process ever holds it.
 *
 * @example writeExecutable(join(dir, "claude"), "#!/bin/sh\nexec sleep 30\n");
 */
export function writeExecutable(path: string, content: string): void {
  const written = Bun.spawnSync(["/bin/sh", "-c", 'cat > "$0" && chmod 755 "$0"', path], { stdin: Buffer.from(content), stdout: "ignore", stderr: "pipe" });
  if (written.exitCode !== 0) throw new Error(`could not write the executable ${path}: ${written.stderr.toString()}`);
}
