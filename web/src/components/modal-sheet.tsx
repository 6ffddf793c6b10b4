import { useId, type ReactNode } from "react";
import { useEscapeLayer } from "../lib/escape-layers.ts";

/**
 * A modal dialog named by its title: a bottom sheet on phones, a centred card on wider screens. Escape (as the
 * topmost layer) and a tap outside close it.
 */
export function ModalSheet({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  useEscapeLayer(true, onClose);
  return (
    <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="fixed inset-0 z-50 flex items-end justify-center bg-black/40 md:items-center" onClick={onClose}>
      <div className="flex w-full max-w-md flex-col gap-3 rounded-t-2xl bg-stone-50 p-4 pb-[max(1rem,env(safe-area-inset-bottom))] md:rounded-2xl dark:bg-stone-900" onClick={(e) => e.stopPropagation()}>
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
