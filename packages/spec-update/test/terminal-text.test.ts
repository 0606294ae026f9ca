import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeLines } from '../src/terminal-text.js';
import { createTempRepo, fixture, runCli, type TempRepo } from './helpers/temp-repo.js';

/**
 * What must never reach a terminal raw: C0 controls but the line break (ESC among them), DEL,
 * C1 controls (CSI, OSC), the soft hyphen, bidi marks, overrides and isolates, zero-width
 * characters, line and paragraph separators, and the byte-order mark.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

describe('text made safe for a terminal', () => {
  it.each([
    ['an ESC-started CSI sequence', '\u001b[2J', '\\u001b[2J'],
    [
      'an OSC 8 hyperlink',
      '\u001b]8;;https://x.invalid\u0007a',
      '\\u001b]8;;https://x.invalid\\u0007a',
    ],
    ['a C1 CSI', 'a\u009b31m', 'a\\u009b31m'],
    ['a right-to-left override', 'key\u202egnp.exe', 'key\\u202egnp.exe'],
    ['a zero-width space and joiner', 'a\u200bb\u200dc', 'a\\u200bb\\u200dc'],
    ['a line break inside a name', 'a\nb', 'a\\u000ab'],
    ['a tag character', 'a\u{e0041}', 'a\\u{e0041}'],
    ['plain text, accents and symbols', 'Clé — ✓ ok', 'Clé — ✓ ok'],
  ])('escapes %s', (_name, given, want) => {
    expect(terminalSafe(given)).toBe(want);
  });

  it('keeps the breaks between lines', () => {
    expect(terminalSafeLines('one\u001b\ntwo')).toBe('one\\u001b\ntwo');
  });
});

describe('upstream names on the terminal and in the changeset', () => {
  let repo: TempRepo;
  let hostile: string;

  beforeAll(async () => {
    repo = await createTempRepo();
    const first = await runCli(
      ['--from', fixture('upstream.yaml'), '--root', repo.root],
      repo.root,
    );
    expect(first.code, first.stderr).toBe(0);
    const text = await readFile(fixture('upstream.yaml'), 'utf8');
    // A copy of one operation under a path that ends in a right-to-left override.
    const getKey = text.indexOf('    get:\n      description: Retrieve a single AI model API key');
    const copy = text
      .slice(getKey, text.indexOf('\n  /', getKey) + 1)
      .replaceAll('getGroupAiModelApiKey', 'getGroupAiModelApiKeyCopy')
      .replace('getGroupModelKey', 'getGroupModelKeyCopy')
      // note: the copy needs a method name of its own; the naming rule would call it `get` too.
      .replace(
        'x-xgen-operation-id-override:',
        'x-client-method: getCopy\n      x-xgen-operation-id-override:',
      );
    const changed = text
      .replace(
        '  /api/atlas/v2/groups/{groupId}/aiModelApiRateLimits:\n',
        `  "/api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}/\\u202etxt.exe":\n${copy}  /api/atlas/v2/groups/{groupId}/aiModelApiRateLimits:\n`,
      )
      // An enum value that clears the screen, one reversed by a bidi override, one hiding a
      // zero-width space, one carrying a C1 CSI.
      .replace(
        '          enum:\n            - ANY\n          type: string\n          writeOnly: true\n        geography:',
        '          enum:\n            - ANY\n            - "ANY\\e[2J"\n            - "\\u202eYNA"\n            - "A\\u200bNY"\n            - "\\x9b31mANY"\n          type: string\n          writeOnly: true\n        geography:',
      )
      // A response field whose name is an OSC 8 hyperlink.
      .replace(
        '        endpoint:\n          description: Server-computed',
        '        "note\\e]8;;https://evil.invalid\\aclick\\e]8;;\\a":\n          type: string\n        endpoint:\n          description: Server-computed',
      );
    for (const inserted of ['txt.exe":', '- "ANY\\e[2J"', '"note\\e]8']) {
      expect(changed).toContain(inserted);
    }
    hostile = join(repo.root, 'hostile.yaml');
    await repo.write('hostile.yaml', changed);
  });

  afterAll(async () => {
    await repo.remove();
  });

  it('prints the summary with every such character escaped', async () => {
    const run = await runCli(['--check', '--from', hostile, '--root', repo.root], repo.root);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout.replaceAll('\n', '')).not.toMatch(UNSAFE);
    expect(run.stdout).toContain(
      'AiModelApiKeyCreateRequest.cloud enum gains ANY\\u001b[2J, \\u202eYNA, A\\u200bNY, \\u009b31mANY (',
    );
    expect(run.stdout).toContain(
      'AiModelApiKeyResponse.note\\u001b]8;;https://evil.invalid\\u0007click\\u001b]8;;\\u0007 added (',
    );
    expect(run.stdout).toContain(
      'operation getGroupAiModelApiKeyCopy added (GET /api/atlas/v2/groups/{groupId}/aiModelApiKeys/{apiKeyId}/\\u202etxt.exe)',
    );
  });

  it('writes the changeset with every such character escaped', async () => {
    const pending = await readdir(join(repo.root, '.changeset'));
    const run = await runCli(['--from', hostile, '--root', repo.root], repo.root);
    expect(run.code, run.stderr).toBe(0);
    // note: the one this run wrote, beside the first run's.
    const [name] = (await readdir(join(repo.root, '.changeset'))).filter(
      (file) => !pending.includes(file),
    );
    const changeset = await repo.read(`.changeset/${name}`);
    expect(changeset.replaceAll('\n', '')).not.toMatch(UNSAFE);
    expect(changeset).toContain(
      'enum gains ANY\\u001b[2J, \\u202eYNA, A\\u200bNY, \\u009b31mANY (',
    );
    expect(changeset).toContain('note\\u001b]8;;https://evil.invalid\\u0007click');
    expect(changeset).toContain('{apiKeyId}/\\u202etxt.exe)');
  });

  it('prints an error line quoting the document with every such character escaped', async () => {
    const text = await readFile(fixture('upstream.yaml'), 'utf8');
    await repo.write(
      'dangling.yaml',
      text.replace(
        '$ref: "#/components/schemas/AiModelApiKeyCreateRequest"',
        '$ref: "#/components/schemas/Gone\\e]0;owned\\a\\x9b2J\\u202e"',
      ),
    );
    const run = await runCli(['--from', 'dangling.yaml', '--root', repo.root], repo.root);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(UNSAFE);
    expect(lines[0]).toContain('#/components/schemas/Gone\\u001b]0;owned\\u0007\\u009b2J\\u202e');
  });
});
