/** A problem with the input or the result: reported as one line, exit code 2, nothing written. */
export class SpecUpdateError extends Error {
  override name = 'SpecUpdateError';

  /** Lines printed after the message, such as the lint report of an invalid fragment. */
  declare readonly details: string | undefined;

  constructor(message: string, details?: string) {
    super(message);
    this.details = details;
  }
}
