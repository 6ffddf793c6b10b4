import type { Page } from "playwright-core";

/** Roles a person operates, which a screen reader announces by name: each needs one (DESIGN.md, every control). */
const OPERABLE_ROLES = new Set(["button", "link", "textbox", "searchbox", "combobox", "checkbox", "radio", "switch", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "slider", "spinbutton", "listbox", "option", "treeitem"]);

type AxNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number };

/**
 * The controls on the page that Chromium's accessibility tree gives no name (what a screen reader would say is only
 * "button"), each as its role and the start of its HTML. Hidden and inert controls are not in the tree.
 */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
    const unnamed = nodes.filter((node) => !node.ignored && OPERABLE_ROLES.has(node.role?.value ?? "") && !(node.name?.value ?? "").trim());
    const described: string[] = [];
    for (const node of unnamed) {
      const { object } = (await cdp.send("DOM.resolveNode", { backendNodeId: node.backendDOMNodeId })) as { object: { objectId: string } };
      const { result } = (await cdp.send("Runtime.callFunctionOn", { objectId: object.objectId, functionDeclaration: "function () { return this.outerHTML.slice(0, 200); }", returnByValue: true })) as { result: { value: string } };
      described.push(`${node.role?.value}: ${result.value}`);
    }
    return described;
  } finally {
    await cdp.detach();
  }
}
