import { OPERATIONS, PARAMETERS } from '@org/atlas-types';
import { describe, expect, test } from 'vitest';
import { createdKey, runCli, sampleKey } from '../helpers/fake-io.js';

// The rules the command line checks and shows come from the operation table generated from the
// spec; these tests read the same table, so they hold whatever the spec's figures are.

const OLD = 'a86r5kwrfsk5r5ku5tgvhmpj';
const SECRET = 'al-SENTINEL-secret-of-the-spec-rule-tests';
const create = OPERATIONS.createGroupAiModelApiKey;
const name = create.body.fields.name;
const cloud = create.body.fields.cloud;

describe('the help states the spec’s rules', () => {
  test('create --help gives the name’s limits, the id’s pattern and the scope’s choices and default', async () => {
    const run = await runCli(['create', '--help']);
    const help = run.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      `--name <name> the key's name, ${name.minLength} to ${name.maxLength} characters`,
    );
    expect(PARAMETERS.groupId.pattern).toBe('^([a-f0-9]{24})$');
    expect(help).toContain('--project <groupId> project id, 24 lower-case hexadecimal digits');
    const choices = cloud.enum.map((value) => JSON.stringify(value)).join(', ');
    expect(help).toContain(
      `--cloud <cloud> the new key's cloud scope (choices: ${choices}, default: "${create.defaults.cloud}")`,
    );
    expect(help).toContain(`--geography <geography> the new key's geography scope (choices:`);
  });

  test('rotate --help offers the same choices and keeps the old key’s scope by default', async () => {
    const run = await runCli(['rotate', '--help']);
    const help = run.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      "--cloud <cloud> the new key's cloud scope; the old key's when left out",
    );
    expect(help).toContain("--geography <geography> the new key's geography scope; the old key's");
  });
});

describe('create and rotate send the scope the spec allows', () => {
  test('create sends the declared default when --cloud and --geography are left out', async () => {
    const run = await runCli(['create', '--name', 'ci'], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.calls[0]?.params).toMatchObject({
      cloud: create.defaults.cloud,
      geography: create.defaults.geography,
    });
  });

  test('create sends an allowed --cloud as given', async () => {
    const [value] = cloud.enum;
    const run = await runCli(['create', '--name', 'ci', '--cloud', value], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.calls[0]?.params).toMatchObject({ cloud: value });
  });

  test.each([
    ['create', ['create', '--name', 'ci', '--cloud', 'NOWHERE']],
    ['rotate', ['rotate', OLD, '--yes', '--geography', 'NOWHERE']],
  ])(
    '%s refuses a value outside the spec’s, naming the option, exit 2 before any call',
    async (_, argv) => {
      const run = await runCli(argv);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toMatch(
        /option '--(cloud|geography) <\w+>' argument 'NOWHERE' is invalid/,
      );
      expect(run.stderr).toContain(`Allowed choices are ${cloud.enum.join(', ')}`);
      expect(run.calls).toEqual([]);
    },
  );

  test('rotate gives the new key the old key’s scope', async () => {
    const old = sampleKey({ name: 'ci', cloud: 'ANY', geography: 'ANY' });
    const run = await runCli(['rotate', OLD, '--yes'], {
      script: { key: old, created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.calls[1]).toEqual({
      method: 'keys.create',
      params: { groupId: '32b6e34b3d91647abb20e7b8', name: 'ci', cloud: 'ANY', geography: 'ANY' },
    });
  });

  test('rotate leaves a scope the spec does not allow to the client’s declared default', async () => {
    const old = sampleKey({ name: 'ci', cloud: 'RETIRED', geography: 'ANY' });
    const run = await runCli(['rotate', OLD, '--yes'], {
      script: { key: old, created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.calls[1]?.params).toEqual({
      groupId: '32b6e34b3d91647abb20e7b8',
      name: 'ci',
      geography: 'ANY',
    });
  });
});

describe('the name is checked against the spec’s rule of the operation it goes to', () => {
  test.each([
    ['create', ['create', '--name']],
    ['rename', ['rename', OLD, '--name']],
  ])(
    '%s refuses a name one character longer than the spec allows, exit 2 before any call',
    async (_, argv) => {
      const tooLong = 'n'.repeat(name.maxLength + 1);
      const run = await runCli([...argv, tooLong]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        `error: --name must be ${name.minLength} to ${name.maxLength} characters, not blank, received ${name.maxLength + 1} characters\n`,
      );
      expect(run.calls).toEqual([]);
    },
  );

  test('a name of exactly the longest length is sent', async () => {
    const longest = 'n'.repeat(name.maxLength);
    const run = await runCli(['create', '--name', longest], {
      script: { created: createdKey(SECRET) },
    });
    expect(run.exitCode).toBe(0);
    expect(run.calls[0]?.params).toMatchObject({ name: longest });
  });
});
