import { SessionScreen } from "../sessions/session-screen.tsx";
import { SessionFrame } from "./session-frame.tsx";

/** A session's overview inside its workbench (a chunk of its own, see lazy-screens); on phones its top bar is the header. */
export function SessionRoute({ id }: { id: string }) {
  return (
    <SessionFrame sessionId={id} hasPhoneHeader>
      <SessionScreen key={id} id={id} />
    </SessionFrame>
  );
}
