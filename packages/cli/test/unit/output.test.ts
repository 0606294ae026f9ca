import stringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
import { stylesFor } from '../../src/colors.js';
import { formatTime, keyTable } from '../../src/key-output.js';
import { ORG, runCli, sampleKey } from '../helpers/fake-io.js';

const plain = stylesFor(false, {});
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape sequences.
const ANSI = /\u001b\[/;

/** The display column each cell of a table line starts at (cells are two or more spaces apart). */
function cellStarts(line: string): number[] {
  return [...line.matchAll(/(?<=^|\s{2})\S/g)].map((match) =>
    stringWidth(line.slice(0, match.index)),
  );
}

describe('the key table', () => {
  test('has the name, id, status, masked secret, created and last used columns', () => {
    const table = keyTable([sampleKey()], plain);
    const [header, row] = table.split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'NAME',
      'ID',
      'STATUS',
      'SECRET',
      'CREATED (UTC)',
      'LAST USED (UTC)',
    ]);
    expect(row?.split(/\s{2,}/)).toEqual([
      'ci',
      'a86r5kwrfsk5r5ku5tgvhmpj',
      'ACTIVE',
      'al-****odu2',
      '2026-01-15 09:30',
      '2026-02-01 18:04',
    ]);
  });

  test('aligns every column, wide characters included', () => {
    const keys = [
      sampleKey({ name: 'a-much-longer-name', status: 'DISABLED' }),
      sampleKey({ name: '鍵', apiKeyId: 'short' }),
      sampleKey({ name: 'x', lastUsedAt: null }),
    ];
    const [header, ...rows] = keyTable(keys, plain).trimEnd().split('\n');
    const starts = cellStarts(header as string);
    expect(starts).toHaveLength(6);
    // note: '鍵' is two columns wide, so counting characters instead of columns misaligns its row.
    for (const row of rows) expect(cellStarts(row)).toEqual(starts);
  });

  test('shows a key never used as "never"', () => {
    expect(keyTable([sampleKey({ lastUsedAt: null })], plain)).toMatch(
      /2026-01-15 09:30 {2}never\n$/,
    );
  });

  test("escapes control characters in the API's text instead of passing them to the terminal", () => {
    const table = keyTable([sampleKey({ name: 'evil\u001b[2Jname\u0007' })], plain);
    expect(table).not.toMatch(ANSI);
    expect(table).toContain('evil\\u001b[2Jname\\u0007');
  });

  test('shows a timestamp it cannot read as received', () => {
    expect(formatTime('soon')).toBe('soon');
    expect(formatTime(undefined)).toBe('never');
  });
});

describe('list', () => {
  const pages = [
    {
      results: [
        sampleKey({ name: 'one', apiKeyId: 'k1' }),
        sampleKey({ name: 'two', apiKeyId: 'k2' }),
      ],
      totalCount: 3,
    },
    { results: [sampleKey({ name: 'three', apiKeyId: 'k3' })], totalCount: 3 },
  ];

  test('prints every key of every page as one table on stdout, nothing on stderr off a terminal', async () => {
    const run = await runCli(['list'], { script: { pages } });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['one', 'two', 'three']);
    expect(run.stderr).toBe('');
  });

  test('--json prints exactly one array of every key across the pages, and nothing else', async () => {
    const run = await runCli(['list', '--json'], { script: { pages } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(pages.flatMap((page) => page.results));
    expect(run.stderr).toBe('');
  });

  test('an empty project prints a message on stderr and no table; --json prints []', async () => {
    const table = await runCli(['list'], { script: { pages: [{ results: [], totalCount: 0 }] } });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toBe('');
    expect(table.stderr).toBe('No AI model API keys in project 32b6e34b3d91647abb20e7b8.\n');
    const json = await runCli(['list', '--json', '--org', ORG], {
      script: { pages: [{ results: [] }] },
    });
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  test('shows the pages fetched on stderr when stderr is a terminal, and clears the line', async () => {
    const run = await runCli(['list', '--json'], { script: { pages }, tty: { stderr: true } });
    expect(run.stderr).toContain('Fetched 1 page: 2 of 3 keys…');
    expect(run.stderr).toContain('Fetched 2 pages: 3 of 3 keys…');
    expect(run.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(JSON.parse(run.stdout)).toHaveLength(3);
  });

  test('leaves out a total smaller than the keys already fetched', async () => {
    const run = await runCli(['list'], {
      script: { pages: [{ results: [sampleKey()], totalCount: 0 }] },
      tty: { stderr: true },
    });
    expect(run.stderr).toContain('Fetched 1 page: 1 key…');
  });

  test('shows no progress when stderr is a pipe, even if stdout is a terminal', async () => {
    const run = await runCli(['list'], { script: { pages }, tty: { stdout: true } });
    expect(run.stderr).toBe('');
  });
});

describe('colour', () => {
  const pages = [{ results: [sampleKey()] }];

  test('is used on a terminal', async () => {
    const run = await runCli(['list'], { script: { pages }, tty: { stdout: true } });
    expect(run.stdout).toMatch(ANSI);
  });

  test('is never used on a pipe', async () => {
    const run = await runCli(['list'], { script: { pages } });
    expect(run.stdout).not.toMatch(ANSI);
  });

  test.each([
    ['NO_COLOR', { NO_COLOR: '1' }],
    ['TERM=dumb', { TERM: 'dumb' }],
  ])('is never used with %s, even on a terminal', async (_, extra) => {
    const env = { MONGODB_ATLAS_PROJECT_ID: '32b6e34b3d91647abb20e7b8', ...extra };
    const run = await runCli(['list'], {
      script: { pages },
      env,
      tty: { stdout: true, stderr: true },
    });
    expect(run.stdout).not.toMatch(ANSI);
    // note: the progress line's own erase sequence is not colour; strip it before looking.
    expect(run.stderr.replaceAll('\r\u001b[2K', '')).not.toMatch(ANSI);
  });

  test('is decided per stream: a piped stdout stays plain while stderr on a terminal is styled', async () => {
    const run = await runCli(['rename', 'k1', '--name', 'new'], {
      script: { updated: sampleKey({ name: 'new' }) },
      tty: { stderr: true },
    });
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stderr).toMatch(ANSI);
  });
});

describe('get and rename', () => {
  test('get shows every field of the key, one per line; --json prints its JSON alone', async () => {
    const key = sampleKey({
      cloud: 'ANY',
      geography: 'ANY',
      endpoint: 'ai.mongodb.com',
      futureField: { nested: true },
    } as never);
    const table = await runCli(['get', 'a86r5kwrfsk5r5ku5tgvhmpj'], { script: { key } });
    expect(table.stdout).toBe(
      [
        'name             ci',
        'id               a86r5kwrfsk5r5ku5tgvhmpj',
        'status           ACTIVE',
        'secret           al-****odu2',
        'cloud            ANY',
        'geography        ANY',
        'endpoint         ai.mongodb.com',
        'created by       someone@example.com',
        'created (UTC)    2026-01-15 09:30',
        'last used (UTC)  2026-02-01 18:04',
        'project          32b6e34b3d91647abb20e7b8',
        'futureField      {"nested":true}',
        '',
      ].join('\n'),
    );
    const json = await runCli(['get', 'a86r5kwrfsk5r5ku5tgvhmpj', '--json'], { script: { key } });
    expect(JSON.parse(json.stdout)).toEqual(key);
    expect(json.stderr).toBe('');
  });

  test('rename sends the new name, prints the renamed key and says so on stderr', async () => {
    const updated = sampleKey({ name: 'production' });
    const run = await runCli(
      ['rename', 'a86r5kwrfsk5r5ku5tgvhmpj', '--name', 'production', '--json'],
      {
        script: { updated },
      },
    );
    expect(run.exitCode).toBe(0);
    expect(run.calls).toEqual([
      {
        method: 'keys.update',
        params: {
          groupId: '32b6e34b3d91647abb20e7b8',
          apiKeyId: 'a86r5kwrfsk5r5ku5tgvhmpj',
          name: 'production',
        },
      },
    ]);
    expect(JSON.parse(run.stdout)).toEqual(updated);
    expect(run.stderr).toBe('✓ Renamed key a86r5kwrfsk5r5ku5tgvhmpj to "production".\n');
  });
});
