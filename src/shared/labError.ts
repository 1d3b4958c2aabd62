/**
 * An error the user can act on; transports carry its message and code unchanged.
 * It lives apart from the contract so that engine threads can throw it without
 * loading the contract's schemas.
 */
export class LabError extends Error {
  constructor(
    message: string,
    readonly code: 'invalid' | 'not-found' | 'conflict' | 'failed' = 'failed',
  ) {
    super(message);
    this.name = 'LabError';
  }
}
