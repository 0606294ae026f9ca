import { AtlasValidationError } from '../../src/errors.js';

/** The AtlasValidationError that `make` throws; fails the test when it throws none or another. */
export function validationErrorOf(make: () => unknown): AtlasValidationError {
  try {
    make();
  } catch (error) {
    if (error instanceof AtlasValidationError) return error;
    throw error;
  }
  throw new Error('expected an AtlasValidationError');
}
