/** An error from the lab, carrying the engine's message, code and field unchanged. */
export class LabCallError extends Error {
  constructor(
    message: string,
    readonly code: string = 'failed',
    /** The input field (an option key) the error is about: forms show the message beside it. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'LabCallError';
  }
}

/** The field an error names, if it names one. */
export function fieldOf(e: unknown): string | null {
  return e instanceof LabCallError && e.field ? e.field : null;
}

/** The message to show a person for anything thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
