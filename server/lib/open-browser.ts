/** Opens a URL in the user's browser; failing to do so only prints a hint (the URL is printed anyway). */
export function openBrowser(url: string): void {
  const command = process.platform === "darwin" ? ["open", url] : process.platform === "win32" ? ["cmd", "/c", "start", "", url] : ["xdg-open", url];
  try {
    const child = Bun.spawn(command, { stdout: "ignore", stderr: "ignore" });
    child.exited.then((code) => {
      if (code !== 0) console.log("(Could not open a browser; open the link above yourself.)");
    });
  } catch {
    console.log("(Could not open a browser; open the link above yourself.)");
  }
}
