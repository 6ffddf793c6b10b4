import { SessionScreen } from "../sessions/session-screen.tsx";
import { SessionFrame } from "./session-frame.tsx";

/** A session's overview inside its workbench (a chunk of its own, see lazy-screens). */
export function SessionRoute({ id }: { id: string }) {
  return (
    <SessionFrame sessionId={id}>
      <SessionScreen key={id} id={id} />
    </SessionFrame>
  );
}
