import { useRef, useState } from "react";
import { MicIcon } from "../../../components/icons.tsx";

interface RecognitionLike {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  onresult: ((e: { results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }> }) => void) | null;
  onend: (() => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  start(): void;
  stop(): void;
}
type RecognitionCtor = new () => RecognitionLike;

/** The browser's speech recognition, or null where it does not exist (then the button is hidden). */
export function speechRecognition(): RecognitionCtor | null {
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** Why dictation is missing, for the settings panel. */
export const NO_VOICE_REASON = "Voice dictation is unavailable: this browser has no speech recognition.";

/** Dictation: appends what was said to the composer; press again to stop. */
export function VoiceButton({ onText }: { onText: (text: string) => void }) {
  const [isListening, setIsListening] = useState(false);
  const ref = useRef<RecognitionLike | null>(null);
  const Ctor = speechRecognition();
  if (!Ctor) return null;
  const toggle = () => {
    if (isListening) return ref.current?.stop();
    const r = new Ctor();
    r.lang = navigator.language;
    r.interimResults = false;
    r.continuous = false;
    r.onresult = (e) => onText(Array.from(e.results, (res) => res[0]?.transcript ?? "").join(" "));
    r.onend = () => setIsListening(false);
    r.onerror = (e) => console.warn("chatml: dictation error", e.error);
    ref.current = r;
    r.start();
    setIsListening(true);
  };
  return (
    <button type="button" aria-label={isListening ? "Stop dictation" : "Dictate"} aria-pressed={isListening} onClick={toggle} className={`inline-flex size-11 shrink-0 items-center justify-center rounded-lg ${isListening ? "bg-red-600 text-white" : "text-stone-600 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800"}`}>
      <MicIcon />
    </button>
  );
}
