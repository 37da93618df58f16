import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** The messages above the panels (the last five), each until dismissed. */
export const useNotices = create<{ notices: Notice[] }>()(() => ({ notices: [] }));

let noticeId = 0;

export function notify(kind: Notice['kind'], message: string): void {
  useNotices.setState((s) => ({ notices: [...s.notices.slice(-4), { id: ++noticeId, kind, message }] }));
}

export function dismiss(id: number): void {
  useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
