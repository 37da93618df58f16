/** What went wrong, as one line for a notice: an Error's message, or anything else thrown as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
