import { useRef } from "react";
import { CameraIcon, ImageIcon } from "../../../components/icons.tsx";

const ICON_BUTTON = "inline-flex size-11 shrink-0 items-center justify-center rounded-lg text-stone-600 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800";

/** Attach images from the file picker or (on phones) straight from the camera. */
/** `isCompact`: while Claude works a phone needs the row for Stop, Interrupt & send and Queue, so the camera goes. */
export function AttachButtons({ onFiles, isCompact = false }: { onFiles: (files: File[]) => void; isCompact?: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const take = (input: HTMLInputElement) => {
    onFiles(Array.from(input.files ?? []));
    input.value = "";
  };
  return (
    <>
      <button type="button" aria-label="Attach images" onClick={() => picker.current?.click()} className={ICON_BUTTON}>
        <ImageIcon />
      </button>
      <input ref={picker} type="file" accept="image/png,image/jpeg,image/gif,image/webp" multiple hidden aria-label="Image files" onChange={(e) => take(e.currentTarget)} />
      <button type="button" aria-label="Take a photo" onClick={() => camera.current?.click()} className={`${ICON_BUTTON} md:hidden ${isCompact ? "hidden" : ""}`}>
        <CameraIcon />
      </button>
      <input ref={camera} type="file" accept="image/*" capture="environment" hidden aria-label="Camera" onChange={(e) => take(e.currentTarget)} />
    </>
  );
}
