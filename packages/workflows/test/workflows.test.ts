import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pnpmCommands, type ScriptTable } from '../src/pnpm-commands.js';
import { schemaErrors } from '../src/schema-errors.js';
import { readScriptTable } from '../src/script-table.js';
import { pnpmCommandsExist, workflowPnpmCommands } from '../src/workflow-commands.js';
import {
  type Job,
  needsOf,
  readWorkflows,
  repoRoot,
  type Step,
  stepsOf,
  type WorkflowFile,
} from '../src/workflow-files.js';
import {
  actionsPinned,
  checkoutsKeepNoToken,
  type Grants,
  jobsTimeBound,
  leastPermissions,
  secretsOutOfScripts,
} from '../src/workflow-rules.js';

const exec = promisify(execFile);

/** The only jobs that may write, and what: changing this is a decision, made here. */
const GRANTS: Grants = {
  'release.yml/release': { contents: 'write', 'pull-requests': 'write', 'id-token': 'write' },
  'spec-update.yml/pull-request': { contents: 'write', 'pull-requests': 'write' },
};

let workflows: WorkflowFile[];
let scripts: ScriptTable;

beforeAll(async () => {
  [workflows, scripts] = await Promise.all([readWorkflows(), readScriptTable()]);
});

function workflow(name: string): WorkflowFile {
  const found = workflows.find((file) => file.name === name);
  if (!found) throw new Error(`.github/workflows/${name} is missing`);
  return found;
}

function job(file: WorkflowFile, id: string): Job {
  const found = file.workflow.jobs[id];
  if (!found) throw new Error(`${file.name} has no job ${id}`);
  return found;
}

/** The pnpm commands a job runs, as written. */
function commandsOf(file: WorkflowFile, id: string): string[] {
  const only = { ...file, workflow: { ...file.workflow, jobs: { [id]: job(file, id) } } };
  return workflowPnpmCommands(only).map((command) => command.text);
}

function stepUsing(found: Job, action: string): Step {
  const step = found.steps?.find((each) => each.uses?.startsWith(`${action}@`));
  if (!step) throw new Error(`no step uses ${action}`);
  return step;
}

describe('every workflow', () => {
  it('is one of the three the README describes', () => {
    expect(workflows.map((file) => file.name)).toEqual([
      'ci.yml',
      'release.yml',
      'spec-update.yml',
    ]);
  });

  it.each([
    [
      'is valid against the GitHub workflow schema',
      (file: WorkflowFile) => schemaErrors(file.text),
    ],
    ['pins every action by a full commit SHA, with its release beside it', actionsPinned],
    ['reads by default and writes only where granted', leastPermissions(GRANTS)],
    ['keeps secrets and expressions out of its scripts', secretsOutOfScripts],
    ['bounds every job in time', jobsTimeBound],
    ['checks out without leaving a token behind', checkoutsKeepNoToken],
    [
      'runs only pnpm commands that exist',
      (file: WorkflowFile) => pnpmCommandsExist(scripts)(file),
    ],
  ])('%s', (_, rule) => {
    expect(workflows.flatMap(rule)).toEqual([]);
  });

  it('sets up the Node.js major that package.json engines names, and pnpm from packageManager', async () => {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
    const major = /(\d+)/.exec(manifest.engines.node)?.[1];
    const steps = workflows.flatMap(stepsOf).map(({ step }) => step);
    const nodes = steps.filter((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(nodes.length).toBeGreaterThan(0);
    expect(new Set(nodes.map((step) => String(step.with?.['node-version'])))).toEqual(
      new Set([major]),
    );
    const pnpms = steps.filter((step) => step.uses?.startsWith('pnpm/action-setup@'));
    expect(pnpms.every((step) => step.with?.version === undefined)).toBe(true);
    expect(manifest.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
  });
});

describe('CI', () => {
  it('runs the commands .ci/run runs, on every pull request', async () => {
    const ciRun = await readFile(join(repoRoot, '.ci/run'), 'utf8');
    const wanted = pnpmCommands(ciRun.replace(/npx -y pnpm@\S+/g, 'pnpm')).map((c) => c.text);
    const ci = workflow('ci.yml');
    expect(commandsOf(ci, 'test')).toEqual(wanted);
    expect(ci.workflow.on).toHaveProperty('pull_request');
    expect(ci.workflow.on).toHaveProperty('workflow_call');
  });

  it('takes the consumer-test matrix from the script itself', () => {
    const ci = workflow('ci.yml');
    const consumer = job(ci, 'consumer');
    const [source] = needsOf(consumer);
    const matrix = consumer.strategy?.matrix?.runtime;
    expect(matrix).toBe(`\${{ fromJSON(needs.${source}.outputs.runtimes) }}`);

    const lister = job(ci, source as string);
    const listing = lister.steps?.find((step) => step.run?.includes('--list-runtimes'));
    expect(listing?.run).toContain('node scripts/consumer-test.mjs --list-runtimes');
    expect(listing?.run).toContain('"runtimes=$runtimes" >> "$GITHUB_OUTPUT"');
    expect(lister.outputs?.runtimes).toBe(`\${{ steps.${listing?.id}.outputs.runtimes }}`);

    const run = consumer.steps?.find((step) => step.run?.includes('test:consumer'));
    expect(run?.run).toBe('pnpm test:consumer --runtime "$RUNTIME"');
    expect(run?.env?.RUNTIME).toBe(`\${{ matrix.runtime }}`);
  });

  it('gets from the script a JSON array of the runtimes it knows, with nothing installed', async () => {
    const { RUNTIMES } = await import(join(repoRoot, 'scripts/runtimes.mjs'));
    const { stdout, stderr } = await exec(process.execPath, [
      join(repoRoot, 'scripts/consumer-test.mjs'),
      '--list-runtimes',
    ]);
    const listed = JSON.parse(stdout);
    expect(listed).toEqual(RUNTIMES.map((runtime: { name: string }) => runtime.name));
    expect(listed.length).toBeGreaterThan(0);
    expect(stderr).toBe('');
  });

  it('refuses an unknown runtime before doing anything, naming the ones it knows', async () => {
    const { RUNTIMES } = await import(join(repoRoot, 'scripts/runtimes.mjs'));
    const known = RUNTIMES.map((runtime: { name: string }) => runtime.name).join(', ');
    const failure = exec(process.execPath, [
      join(repoRoot, 'scripts/consumer-test.mjs'),
      '--runtime',
      'no-such-runtime',
    ]);
    await expect(failure).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`--runtime must be one of ${known}; got "no-such-runtime"`),
    });
  });
});

describe('Release', () => {
  it('runs on pushes to the branch changesets versions', async () => {
    const config = JSON.parse(await readFile(join(repoRoot, '.changeset/config.json'), 'utf8'));
    expect(workflow('release.yml').workflow.on).toEqual({
      push: { branches: [config.baseBranch] },
    });
  });

  it('publishes only after CI and the upstream spec check pass', () => {
    const release = workflow('release.yml');
    expect(job(release, 'ci').uses).toBe('./.github/workflows/ci.yml');
    expect(commandsOf(release, 'spec')).toContain('pnpm -s spec:upstream --check');
    const publisher = job(release, 'release');
    expect([...needsOf(publisher)].sort()).toEqual(['ci', 'spec']);
    expect(publisher.if).toBeUndefined();
  });

  it('versions and publishes with the root scripts, with provenance and the npm token', () => {
    const step = stepUsing(job(workflow('release.yml'), 'release'), 'changesets/action');
    expect(step.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release' });
    expect(step.env).toEqual({
      NPM_TOKEN: `\${{ secrets.NPM_TOKEN }}`,
      NPM_CONFIG_PROVENANCE: true,
    });
  });
});

describe('Spec update', () => {
  const spec = () => workflow('spec-update.yml');

  it('runs weekly and on demand', () => {
    const on = spec().workflow.on as { schedule?: { cron: string }[] };
    expect(on).toHaveProperty('workflow_dispatch');
    expect(on.schedule).toHaveLength(1);
    expect(on.schedule?.[0]?.cron).toMatch(/^\d+ \d+ \* \* [0-6]$/);
  });

  it('updates with a read-only token and opens the pull request in a job that runs no pnpm', () => {
    expect(job(spec(), 'update').permissions).toBeUndefined();
    expect(commandsOf(spec(), 'update')).toEqual([
      'pnpm install --frozen-lockfile',
      'pnpm -s spec:upstream',
    ]);
    expect(commandsOf(spec(), 'pull-request')).toEqual([]);
    expect(job(spec(), 'pull-request').if).toBe("needs.update.outputs.changed == 'true'");
  });

  it('titles the pull request with the class and gives the summary as its body', () => {
    const step = stepUsing(job(spec(), 'pull-request'), 'peter-evans/create-pull-request');
    expect(step.with?.title).toBe(`spec change: \${{ needs.update.outputs.class }}`);
    expect(step.with?.['body-path']).toBe(`\${{ runner.temp }}/spec-update/summary.txt`);
  });

  it('fetches the document the README names as upstream', async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const url = /--from (https:\/\/\S+)/.exec(scripts.root['spec:upstream'] ?? '')?.[1];
    expect(url).toBe('https://raw.githubusercontent.com/mongodb/openapi/main/openapi/v2.yaml');
    expect(readme.includes(url as string), `README.md names ${url}`).toBe(true);
  });
});

describe('Dependabot', () => {
  it('keeps the pinned actions current', async () => {
    const text = await readFile(join(repoRoot, '.github/dependabot.yml'), 'utf8');
    const config = parse(text) as { version: number; updates: Record<string, unknown>[] };
    expect(config.version).toBe(2);
    expect(config.updates).toContainEqual(
      expect.objectContaining({ 'package-ecosystem': 'github-actions', directory: '/' }),
    );
  });
});
