import { Button } from "./button.tsx";

type ConfirmAnswersProps = {
  /** The action asked about, as its button named it ("Discard hunk 2 of app.ts"). */
  name: string;
  /** The visible yes, e.g. "Discard hunk?". */
  yesLabel: string;
  /** The visible no, e.g. "Keep". */
  keepLabel: string;
  onYes: () => void;
  onKeep: () => void;
  isBusy?: boolean;
};

/**
 * The two answers to "are you sure?". Each says to a screen reader what it acts on, since several questions can be
 * open in one list (a hunk each, a comment each) and a bare "Discard?" or "Keep" names none of them; the yes takes
 * the focus, since the button that asked is gone.
 */
export function ConfirmAnswers({ name, yesLabel, keepLabel, onYes, onKeep, isBusy = false }: ConfirmAnswersProps) {
  return (
    <>
      <Button variant="danger" autoFocus disabled={isBusy} onClick={onYes}>
        {`${yesLabel} `}
        <span className="sr-only">Yes: {name}</span>
      </Button>
      <Button variant="ghost" disabled={isBusy} onClick={onKeep}>
        {`${keepLabel} `}
        <span className="sr-only">— cancel: {name}</span>
      </Button>
    </>
  );
}
