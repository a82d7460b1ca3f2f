'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog, DialogActions } from './dialog';

/**
 * A question before something happens: the shared modal `Dialog` (focus kept inside and given
 * back, Escape closes) with a cancel and a confirm button. Escape, the cancel button and
 * closing it any other way all mean "no"; each answer is given once.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Not now',
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const answered = useRef(false);
  useEffect(() => {
    if (open) answered.current = false;
  }, [open]);
  const answer = (choice: () => void) => {
    if (answered.current) return;
    answered.current = true;
    choice();
  };

  return (
    <Dialog open={open} title={title} description={children} onClose={() => answer(onCancel)}>
      <DialogActions>
        <Button onClick={() => answer(onCancel)}>{cancelLabel}</Button>
        <Button variant="primary" onClick={() => answer(onConfirm)}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
