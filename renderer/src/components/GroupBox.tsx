import type { ReactNode } from 'react';

/** The titled frame Windows dialogs use to group related fields. */
export function GroupBox({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`group-box ${className ?? ''}`}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
