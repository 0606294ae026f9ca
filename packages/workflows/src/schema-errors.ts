import { type ValidationError, validateWorkflow } from '@action-validator/core';

function describe(error: ValidationError): string[] {
  const where = 'path' in error ? error.path : `line ${error.location?.line ?? '?'}`;
  const own = `${where || '/'}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`;
  // note: a `oneOf` failure only says that no branch matched; the reasons are in its states.
  const nested =
    'states' in error && error.states
      ? error.states.flatMap((state) => state.errors.flatMap(describe).map((line) => `  ${line}`))
      : [];
  return [own, ...nested];
}

/**
 * What is wrong with a workflow's text against GitHub's workflow schema (SchemaStore's, as
 * action-validator embeds it), one line per problem; empty when it is valid.
 */
export function schemaErrors(text: string): string[] {
  return validateWorkflow(text).errors.flatMap(describe);
}
