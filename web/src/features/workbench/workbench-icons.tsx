import type { SVGProps } from "react";

type IconProps = SVGProps<SVGSVGElement>;

function Svg({ children, ...props }: IconProps) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...props}>
      {children}
    </svg>
  );
}

export const ChangesIcon = (p: IconProps) => <Svg {...p}><path d="M12 3v8M8 7h8M8 17h8M5 21h14" /></Svg>;
export const FilesIcon = (p: IconProps) => <Svg {...p}><path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z" /><path d="M14 3v6h6" /></Svg>;
export const ChatIcon = (p: IconProps) => <Svg {...p}><path d="M4 5h16v11H8l-4 4z" /></Svg>;
export const TabsIcon = (p: IconProps) => <Svg {...p}><rect x="3" y="6" width="18" height="14" rx="2" /><path d="M7 3h10" /></Svg>;
export const PanelIcon = (p: IconProps) => <Svg {...p}><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M15 4v16" /></Svg>;
export const GitIcon = (p: IconProps) => <Svg {...p}><circle cx="6" cy="6" r="2" /><circle cx="6" cy="18" r="2" /><circle cx="18" cy="8" r="2" /><path d="M6 8v8M18 10c0 4-6 3-10 6" /></Svg>;
export const TerminalIcon = (p: IconProps) => <Svg {...p}><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M7 9l3 3-3 3M13 15h4" /></Svg>;
