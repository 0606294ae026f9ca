import { AtlasError } from '../errors.js';

/**
 * The Atlas CLI's configuration cannot give what was asked: its file is unreadable or malformed,
 * the profile is missing, or the profile's credentials are incomplete or expired. The message is
 * one line; it names the file (and the line) and never quotes a credential.
 */
export class AtlasConfigError extends AtlasError {
  override name = 'AtlasConfigError';
  /** The configuration file concerned, when there is one. */
  declare readonly file: string | undefined;
  /** The line of `file` at fault, for a malformed file. */
  declare readonly line: number | undefined;

  constructor(message: string, init: { file?: string; line?: number } = {}) {
    super(message);
    this.file = init.file;
    this.line = init.line;
  }
}
