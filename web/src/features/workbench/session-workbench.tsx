import type { ReactNode } from "react";
import { Group, Panel, Separator, useDefaultLayout } from "react-resizable-panels";
import type { SessionId } from "../../../../shared/index.ts";
import { useHasRoomForPanels } from "../../lib/use-short-viewport.ts";
import { useTerminalsStore } from "../../stores/terminals-store.ts";
import { selectWorkbench, useWorkbenchStore } from "../../stores/workbench-store.ts";
import { BottomPanel, FoldedBottomPanel } from "./bottom-panel.tsx";
import { PhoneWorkbench } from "./phone-workbench.tsx";
import { SidePanel } from "./side-panel.tsx";
import { toolsFor, type WorkbenchTool } from "./tools.ts";

/**
 * A session as a workbench: the conversation (`children`) in the middle, the side panel (Changes, Files, open
 * editors and diffs) beside it, the bottom panel below when a tool lives there. Sizes and open panels persist per
 * device. On phones (turned sideways too) and short windows the same parts are full-screen views one tap apart.
 */
export function SessionWorkbench({ sessionId, hasGit, children }: { sessionId: SessionId; hasGit: boolean; children: ReactNode }) {
  const isDesktop = useHasRoomForPanels();
  const tools = toolsFor(hasGit);
  if (!isDesktop) return <PhoneWorkbench sessionId={sessionId} tools={[...tools.side, ...tools.bottom]}>{children}</PhoneWorkbench>;
  return (
    <DesktopWorkbench sessionId={sessionId} side={tools.side} bottom={tools.bottom}>
      {children}
    </DesktopWorkbench>
  );
}

type Tools = { side: WorkbenchTool[]; bottom: WorkbenchTool[] };

const SEPARATOR = "bg-stone-200 transition-colors hover:bg-accent data-[separator=active]:bg-accent dark:bg-stone-800";

function DesktopWorkbench({ sessionId, side, bottom, children }: { sessionId: SessionId; children: ReactNode } & Tools) {
  const isSideOpen = useWorkbenchStore((s) => s.isSidePanelOpen) && side.length > 0;
  const layout = useDefaultLayout({ id: "chatml-workbench", panelIds: isSideOpen ? ["center", "side"] : ["center"], storage: localStorage });
  return (
    <Group orientation="horizontal" className="min-h-0 flex-1" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
      <Panel id="center" minSize="30%">
        <CenterColumn sessionId={sessionId} bottom={bottom}>
          {children}
        </CenterColumn>
      </Panel>
      {isSideOpen ? (
        <>
          <Separator aria-label="Resize the side panel" className={`w-1 ${SEPARATOR}`} />
          <Panel id="side" defaultSize="42%" minSize="20%">
            <SidePanel sessionId={sessionId} tools={side} />
          </Panel>
        </>
      ) : null}
    </Group>
  );
}

/**
 * The conversation over the bottom panel. The panel is open as the user last left it in this session, else when the
 * session has a terminal; folded, it is one row under the conversation. The conversation stays the same element of
 * the same group either way, so folding never remounts it.
 */
function CenterColumn({ sessionId, bottom, children }: { sessionId: SessionId; bottom: WorkbenchTool[]; children: ReactNode }) {
  const choice = useWorkbenchStore((s) => selectWorkbench(sessionId)(s).bottomPanel);
  const hasTerminals = useTerminalsStore((s) => (s.bySession[sessionId]?.length ?? 0) > 0);
  const isOpen = bottom.length > 0 && (choice ? choice === "open" : hasTerminals);
  const setOpen = (open: boolean) => useWorkbenchStore.getState().patch(sessionId, { bottomPanel: open ? "open" : "closed" });
  const layout = useDefaultLayout({ id: "chatml-workbench-bottom", panelIds: isOpen ? ["main", "bottom"] : ["main"], storage: localStorage });
  return (
    <div className="flex h-full min-h-0 flex-col">
      <Group orientation="vertical" className="min-h-0 flex-1" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
        <Panel id="main" minSize="30%">
          <div className="flex h-full min-h-0 flex-col">{children}</div>
        </Panel>
        {isOpen ? (
          <>
            <Separator aria-label="Resize the bottom panel" className={`h-1 ${SEPARATOR}`} />
            {/* 60 %, not 45 %: at 1440×900 a terminal had 20 rows (a TUI's frame cut) under a mostly empty conversation;
                now 24 and more, and the conversation keeps 40 %. A height the user dragged to is kept (useDefaultLayout). */}
            <Panel id="bottom" defaultSize="60%" minSize="15%">
              <BottomPanel sessionId={sessionId} tools={bottom} onHide={() => setOpen(false)} />
            </Panel>
          </>
        ) : null}
      </Group>
      {!isOpen && bottom.length > 0 ? <FoldedBottomPanel sessionId={sessionId} tools={bottom} onOpen={() => setOpen(true)} /> : null}
    </div>
  );
}
