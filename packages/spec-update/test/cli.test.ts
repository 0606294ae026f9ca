import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FRAGMENT_HEADER } from '../src/format-fragment.js';
import { cliPath, createTempRepo, fixture, runCli, type TempRepo } from './helpers/temp-repo.js';

const FRAGMENT = 'spec/atlas-ai-model-api-keys.yaml';
const TYPES = 'packages/atlas-types/src/generated/atlas-ai-model-api-keys.ts';

// Each run lints and generates in a child process: seconds on two busy cores.
const SLOW = { timeout: 60_000 };

let repo: TempRepo | undefined;

async function changesets(root: string): Promise<string[]> {
  return (await readdir(join(root, '.changeset'))).sort();
}

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run the build first`);
});

afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe('pnpm spec:update --from <file>', SLOW, () => {
  it('moves the seed-era fragment to upstream: summary first, then fragment, types and changeset', async () => {
    repo = await createTempRepo('seed-era-fragment.yaml');
    const run = await runCli(['--from', fixture('upstream.yaml'), '--root', repo.root], repo.root);
    expect(run.code, run.stderr).toBe(0);

    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('spec change: breaking');
    expect(lines).toContain(
      '- breaking: response version preview removed (getGroupAiModelApiKey 200): clients that ask for it get 406 Not Acceptable',
    );
    expect(lines).toContain(
      '- breaking: response field AiModelApiKeyResponse.lastUsedAt may now be null (getGroupAiModelApiKey 200): typed consumers must handle null',
    );
    expect(lines).toContain(
      '- feature: response field AiModelApiKeyResponse.endpoint added (getGroupAiModelApiKey 200): consumers may read it',
    );
    expect(lines.slice(1).every((line) => /^- (breaking|feature|fix|none): /.test(line))).toBe(
      true,
    );

    const fragment = await repo.read(FRAGMENT);
    expect(fragment.startsWith(FRAGMENT_HEADER)).toBe(true);
    expect(Object.keys((parse(fragment) as { paths: object }).paths)).toHaveLength(10);
    expect(await repo.read(TYPES)).toContain('readonly endpoint: string;');

    const [name, ...others] = await changesets(repo.root);
    expect(others).toEqual([]);
    const changeset = await repo.read(`.changeset/${name}`);
    expect(changeset).toBe(
      `---\n"@org/atlas-types": minor\n"@org/atlas-ai-keys": minor\n---\n\n${run.stdout.trimEnd()}\n`,
    );
    expect(run.stderr).toContain(`wrote ${FRAGMENT}`);
  });

  it('changes nothing, byte for byte, when run again on the same input', async () => {
    repo = await createTempRepo('seed-era-fragment.yaml');
    const args = ['--from', fixture('upstream.yaml'), '--root', repo.root];
    expect((await runCli(args, repo.root)).code).toBe(0);
    const first = await repo.snapshot();
    const again = await runCli(args, repo.root);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('spec change: none\n');
    expect(await repo.snapshot()).toEqual(first);
  });

  it('resolves a relative --from against the directory the command was typed in', async () => {
    repo = await createTempRepo();
    const run = await runCli(['--from', 'upstream.yaml', '--root', repo.root], fixture(''));
    expect(run.code, run.stderr).toBe(0);
    expect(parse(await repo.read(FRAGMENT))).toMatchObject({
      info: { 'x-upstream-source': 'upstream.yaml' },
    });
  });
});

describe('pending changesets', { timeout: 180_000 }, () => {
  it('keeps each one when the upstream document goes back to an earlier one', async () => {
    repo = await createTempRepo();
    const original = await readFile(fixture('upstream.yaml'), 'utf8');
    const narrowed = original.replace(
      '          description: A name for the new API key that will be created.\n          maxLength: 250',
      '          description: A name for the new API key that will be created.\n          maxLength: 100',
    );
    expect(narrowed).not.toBe(original);
    await repo.write('original.yaml', original);
    await repo.write('narrowed.yaml', narrowed);
    const update = (from: string) =>
      runCli(['--from', from, '--root', repo?.root ?? ''], repo?.root ?? '');
    expect((await update('original.yaml')).code).toBe(0);
    const first = await changesets(repo.root);

    const there = await update('narrowed.yaml');
    expect(there.stdout.split('\n')[0]).toBe('spec change: breaking');
    const pending = (await changesets(repo.root)).filter((name) => !first.includes(name));
    expect(pending).toHaveLength(1);
    const text = await repo.read(`.changeset/${pending[0]}`);

    const back = await update('original.yaml');
    expect(back.stdout.split('\n')[0]).toBe('spec change: fix');
    const now = (await changesets(repo.root)).filter((name) => !first.includes(name));
    expect(now).toHaveLength(2);
    expect(await repo.read(`.changeset/${pending[0]}`)).toBe(text);
  });
});

describe('pnpm spec:update --check', SLOW, () => {
  it('exits 1 and writes nothing when the fragment would change', async () => {
    repo = await createTempRepo('seed-era-fragment.yaml');
    const before = await repo.snapshot();
    const run = await runCli(
      ['--check', '--from', fixture('upstream.yaml'), '--root', repo.root],
      repo.root,
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('spec change: breaking');
    expect(run.stderr).toContain('the fragment is out of date');
    expect(await repo.snapshot()).toEqual(before);
  });

  it('exits 0 when the fragment is up to date', async () => {
    repo = await createTempRepo();
    const args = ['--from', fixture('upstream.yaml'), '--root', repo.root];
    expect((await runCli(args, repo.root)).code).toBe(0);
    const run = await runCli(['--check', ...args], repo.root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('spec change: none\n');
  });
});

describe('pnpm spec:update --from <URL>', SLOW, () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const text = await readFile(fixture('upstream.yaml'));
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/yaml' }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/atlas-admin-api.yml?cache=no`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads the document from a local server and records the URL without its query', async () => {
    repo = await createTempRepo();
    const run = await runCli(['--from', url, '--root', repo.root], repo.root);
    expect(run.code, run.stderr).toBe(0);
    const info = (parse(await repo.read(FRAGMENT)) as { info: Record<string, unknown> }).info;
    expect(info['x-upstream-source']).toBe(url.replace('?cache=no', ''));
  });
});

describe('a cut that is not a valid document', SLOW, () => {
  it('fails the spec lint with exit 2, shows the lint report, and writes nothing', async () => {
    repo = await createTempRepo('seed-era-fragment.yaml');
    const text = await readFile(fixture('upstream.yaml'), 'utf8');
    // recommended-strict requires a summary on every operation.
    const broken = text.replace(
      '      summary: Return Single AI Model API Key for One Group\n',
      '',
    );
    expect(broken).not.toBe(text);
    await repo.write('broken.yaml', broken);
    const before = await repo.snapshot();
    const run = await runCli(['--from', 'broken.yaml', '--root', repo.root], repo.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(
      'spec:update: the cut fragment is not a valid document: the spec lint (redocly.yaml) fails',
    );
    expect(run.stderr).toContain('operation-summary');
    expect(await repo.snapshot()).toEqual(before);
  });
});

describe('pnpm spec:update --help', () => {
  it('shows the command, its options and its exit codes', async () => {
    const run = await runCli(['--help'], fixture(''));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: pnpm spec:update --from <file or https URL> [--check]');
    expect(run.stdout).toContain(
      'Exit codes: 0 done or up to date, 1 out of date (--check), 2 bad input',
    );
  });
});
