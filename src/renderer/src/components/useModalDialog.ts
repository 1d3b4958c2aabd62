import { useEffect, useRef, type RefObject } from 'react';

/**
 * A <dialog> shown as a modal while `open` is true: the ref goes on the element. The element stays
 * mounted (its state survives closing); showModal() gives it the focus trap and the Escape key.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return dialog;
}
