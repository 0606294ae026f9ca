import { RESOURCES } from '@org/atlas-types';
import { describe, expect, test } from 'vitest';
import { editorOf } from '../helpers/language-service.js';

const REFERENCE = 'https://mongodb.com/docs/atlas/reference/api-resources-spec/v2/#tag/';

/** A user's file that names every method of the client, one per line. */
const USER_CODE = [
  "import { createAtlasAiKeysClient } from '../../src/index.js';",
  'const client = createAtlasAiKeysClient();',
  ...Object.entries(RESOURCES).flatMap(([group, methods]) =>
    Object.keys(methods).map((method) => `client.${group}.${method};`),
  ),
  '',
].join('\n');

// note: a language service loads the TypeScript libraries and the package's sources, which on
// a loaded 2-core machine takes seconds; the limit is generous, nothing here is timed.
describe('the methods in an editor', { timeout: 60_000 }, () => {
  const editor = editorOf(USER_CODE);
  const hover = (group: string, method: string) =>
    editor.hoverAt(USER_CODE.indexOf(`client.${group}.${method};`) + `client.${group}.`.length);

  test('offer each group its methods', () => {
    const offset = USER_CODE.indexOf('client.rateLimits.list;') + 'client.rateLimits.'.length;
    expect(editor.completionsAt(offset)).toEqual(
      expect.arrayContaining(['list', 'get', 'update', 'reset', 'resetAll', 'listForOrg']),
    );
  });

  test.each(
    Object.entries(RESOURCES).flatMap(([group, methods]) =>
      Object.entries(methods).map(([method, operationId]) => [group, method, operationId]),
    ),
  )('show %s.%s with its summary, operationId and Atlas reference page', (group, method, id) => {
    const shown = hover(group, method);
    expect(shown).toContain(`(property) ${method}: (params:`);
    expect(shown).toContain(`operationId \`${id}\``);
    expect(shown).toContain(`${REFERENCE}`);
    expect(shown).toContain(`/operation/${id}`);
  });

  test('show what each call does and the role it needs', () => {
    expect(hover('rateLimits', 'resetAll')).toContain('Reset AI Model Rate Limits for Group.');
    expect(hover('rateLimits', 'resetAll')).toContain(
      'POST /api/atlas/v2/groups/{groupId}/aiModelApiRateLimits:reset',
    );
    expect(hover('keys', 'create')).toContain('Atlas role: Project Model Owner');
  });
});
