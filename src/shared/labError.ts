/**
 * An error the user can act on; transports carry its message, code and field unchanged.
 * It lives apart from the contract so that engine threads can throw it without
 * loading the contract's schemas.
 */
export type LabErrorCode = 'invalid' | 'not-found' | 'conflict' | 'failed';

export class LabError extends Error {
  constructor(
    message: string,
    readonly code: LabErrorCode = 'failed',
    /** The input field (an option key such as "dim") the error is about, for forms to show it beside that field. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
}
