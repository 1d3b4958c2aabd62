/** Typed errors the engine raises; transports turn them into messages. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

/** Training produced NaN or infinite values. */
export class Diverged extends Error {
  constructor(what: string) {
    super(`${what} diverged (NaN or infinite values). Try a smaller learning rate.`);
    this.name = 'Diverged';
  }
}
