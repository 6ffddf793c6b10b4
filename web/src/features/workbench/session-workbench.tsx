import type { ReactNode } from "react";
import { Group, Panel, Separator, useDefaultLayout } from "react-resizable-panels";
import type { SessionId } from "../../../../shared/index.ts";
import { DESKTOP_QUERY, useMediaQuery } from "../../lib/use-media-query.ts";
import { useWorkbenchStore } from "../../stores/workbench-store.ts";
import { BottomPanel } from "./bottom-panel.tsx";
import { PhoneWorkbench } from "./phone-workbench.tsx";
import { SidePanel } from "./side-panel.tsx";
import { toolsFor, type WorkbenchTool } from "./tools.ts";

/**
 * A session as a workbench: the conversation (`children`) in the middle, the side panel (Changes, Files, open
 * editors and diffs) beside it, the bottom panel below when a tool lives there. Sizes and open panels persist per
 * device. On phones the same parts are full-screen views one tap apart.
 */
export function SessionWorkbench({ sessionId, hasGit, children }: { sessionId: SessionId; hasGit: boolean; children: ReactNode }) {
  const isDesktop = useMediaQuery(DESKTOP_QUERY);
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

function CenterColumn({ sessionId, bottom, children }: { sessionId: SessionId; bottom: WorkbenchTool[]; children: ReactNode }) {
  const layout = useDefaultLayout({ id: "chatml-workbench-bottom", panelIds: ["main", "bottom"], storage: localStorage });
  const main = <div className="flex h-full min-h-0 flex-col">{children}</div>;
  if (bottom.length === 0) return main;
  return (
    <Group orientation="vertical" className="h-full" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
      <Panel id="main" minSize="30%">
        {main}
      </Panel>
      <Separator aria-label="Resize the bottom panel" className={`h-1 ${SEPARATOR}`} />
      <Panel id="bottom" defaultSize="30%" minSize="10%" collapsible collapsedSize="0%">
        <BottomPanel sessionId={sessionId} tools={bottom} />
      </Panel>
    </Group>
  );
}
