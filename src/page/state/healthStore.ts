import { create } from 'zustand';

/** Whether a worker answers: silent (no message for a while) or crashed (an uncaught error). */
export type WorkerHealth = { state: 'ok' } | { state: 'silent'; seconds: number } | { state: 'crashed'; message: string };

/** Each worker's health as its bridge last saw it: the training worker's (digits page) and the 2D lab's. */
export const useHealth = create<{ training: WorkerHealth; lab: WorkerHealth }>()(() => ({ training: { state: 'ok' }, lab: { state: 'ok' } }));
