/** An error from the lab, carrying the server's message and code unchanged. */
export class LabCallError extends Error {
  constructor(
    message: string,
    readonly code: string = 'failed',
  ) {
    super(message);
    this.name = 'LabCallError';
  }
}

/** The message to show a person for anything thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
