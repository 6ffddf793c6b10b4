/**
 * What runs inside the pages of the page-lag benchmark: a probe that notes when the marker text first appears in
 * the DOM (checked at the next animation frame, i.e. when it can be painted) and sums long tasks; and the floor
 * page, which opens ChatML's socket itself and appends each delta's text to one text node (no store, no React, no
 * markdown): the least a browser can do with the same frames.
 */
export type ProbeResult = { shownAt: number | null; longTasks: number; longTaskMs: number; longestTaskMs: number; afterEnd: { longTaskMs: number; longestTaskMs: number } };

declare global {
  interface Window {
    __probe?: ProbeResult;
  }
}

/** Installs the probe (run with page.evaluate before the answer starts). */
export function installProbe(marker: string): void {
  const probe: ProbeResult = { shownAt: null, longTasks: 0, longTaskMs: 0, longestTaskMs: 0, afterEnd: { longTaskMs: 0, longestTaskMs: 0 } };
  window.__probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // After the end is on screen: what the page still does with the answer (e.g. render its last block whole).
      if (probe.shownAt !== null) {
        probe.afterEnd.longTaskMs += entry.duration;
        probe.afterEnd.longestTaskMs = Math.max(probe.afterEnd.longestTaskMs, entry.duration);
        continue;
      }
      probe.longTasks += 1;
      probe.longTaskMs += entry.duration;
      probe.longestTaskMs = Math.max(probe.longestTaskMs, entry.duration);
    }
  }).observe({ type: "longtask", buffered: false });
  const has = (node: Node) => (node.nodeType === Node.TEXT_NODE ? (node as Text).data.includes(marker) : (node.textContent ?? "").includes(marker));
  const observer = new MutationObserver((records) => {
    if (!records.some((r) => (r.type === "characterData" ? has(r.target) : [...r.addedNodes].some(has)))) return;
    observer.disconnect();
    requestAnimationFrame(() => (probe.shownAt = Date.now()));
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}

/**
 * The floor page's script: subscribes to one conversation after `afterSeq` and appends every text delta to the text
 * node of the current paragraph, starting a new paragraph at each blank line and after 32 lines (one growing text
 * node would make the browser lay out the whole answer again on every frame, which no real page does).
 */
export function floorPage(conversationId: string, afterSeq: number, protocol: number): string {
  const script = `
    const out = document.getElementById("out");
    let text;
    let lines = 0;
    const next = () => {
      text = out.appendChild(document.createElement("p")).appendChild(document.createTextNode(""));
      lines = 0;
    };
    next();
    const append = (delta) => {
      delta.split("\\n\\n").forEach((piece, i) => {
        if (i > 0) next();
        piece.split("\\n").forEach((row, j) => {
          if (j > 0 && ++lines >= 32) next();
          else if (j > 0) text.appendData("\\n");
          text.appendData(row);
        });
      });
    };
    const ws = new WebSocket(location.origin.replace(/^http/, "ws") + "/ws");
    ws.onopen = () => ws.send(JSON.stringify({ type: "hello", protocol: ${protocol}, subscriptions: [{ conversationId: ${JSON.stringify(conversationId)}, afterSeq: ${afterSeq} }] }));
    ws.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "delta" && frame.event.type === "message.part.delta") append(frame.event.delta);
      if (frame.type === "replayed") window.__ready = true;
    };`;
  return `<!doctype html><meta charset="utf-8"><title>floor</title><div id="out" style="white-space:pre-wrap;max-width:48rem;margin:auto"></div><script>${script}</script>`;
}
