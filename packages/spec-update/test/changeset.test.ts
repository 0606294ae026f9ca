import { afterEach, describe, expect, it } from 'vitest';
import { bumpFor, changesetFor } from '../src/changeset.js';
import type { ChangeClass } from '../src/classify/change.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

describe('the bump a spec change needs', () => {
  it.each<[ChangeClass, string, string | undefined]>([
    ['breaking', '0.1.0', 'minor'],
    ['breaking', '0.9.3', 'minor'],
    ['breaking', '1.0.0', 'major'],
    ['breaking', '2.4.1', 'major'],
    ['feature', '0.1.0', 'minor'],
    ['feature', '1.2.0', 'minor'],
    ['fix', '0.1.0', 'patch'],
    ['fix', '1.2.0', 'patch'],
    ['none', '0.1.0', undefined],
    ['none', '1.2.0', undefined],
  ])('%s at %s is %s', (kind, version, want) => {
    expect(bumpFor(kind, version)).toBe(want);
  });
});

describe('the changeset of a spec change', () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.remove();
    repo = undefined;
  });

  const summary = 'spec change: breaking\n- breaking: response field X removed: why';

  it('bumps both packages when the generated types the client re-exports changed', async () => {
    repo = await createTempRepo();
    const changeset = await changesetFor(repo.root, 'breaking', true, summary);
    expect(changeset?.path).toMatch(/^\.changeset\/spec-update-[0-9a-f]{12}\.md$/);
    expect(changeset?.text).toBe(
      `---\n"@org/atlas-types": minor\n"@org/atlas-ai-keys": minor\n---\n\n${summary}\n`,
    );
  });

  it('bumps only the types when the generated types did not change', async () => {
    repo = await createTempRepo();
    const changeset = await changesetFor(repo.root, 'fix', false, 'spec change: fix');
    expect(changeset?.text).toBe('---\n"@org/atlas-types": patch\n---\n\nspec change: fix\n');
  });

  it('bumps a package from 1.0 on by major for a breaking change', async () => {
    repo = await createTempRepo();
    const manifest = JSON.parse(await repo.read('packages/atlas-types/package.json'));
    await repo.write(
      'packages/atlas-types/package.json',
      JSON.stringify({ ...manifest, version: '1.0.0' }),
    );
    const changeset = await changesetFor(repo.root, 'breaking', true, summary);
    expect(changeset?.text).toContain('"@org/atlas-types": major\n"@org/atlas-ai-keys": minor\n');
  });

  it('names the same change the same file, and a different change another', async () => {
    repo = await createTempRepo();
    const first = await changesetFor(repo.root, 'breaking', true, summary);
    const again = await changesetFor(repo.root, 'breaking', true, summary);
    const other = await changesetFor(repo.root, 'fix', true, 'spec change: fix');
    expect(again?.path).toBe(first?.path);
    expect(other?.path).not.toBe(first?.path);
  });

  it('refuses to replace a pending changeset of the same name with other content', async () => {
    repo = await createTempRepo();
    const changeset = await changesetFor(repo.root, 'breaking', true, summary);
    await repo.write(changeset?.path as string, 'a pending changeset someone edited\n');
    await expect(changesetFor(repo.root, 'breaking', true, summary)).rejects.toThrow(
      /exists with other content: move it aside and run again/,
    );
  });

  it('writes none for a change that changes nothing', async () => {
    repo = await createTempRepo();
    expect(await changesetFor(repo.root, 'none', true, 'spec change: none')).toBeUndefined();
  });
});
