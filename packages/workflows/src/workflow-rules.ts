import type { Step, WorkflowFile } from './workflow-files.js';
import { stepsOf } from './workflow-files.js';

/** A check of one workflow file: what it finds wrong, one line each; empty when nothing is. */
export type Rule = (file: WorkflowFile) => string[];

/** A `uses:` line: the reference, then what follows it on the line (its comment). */
const USES_LINE = /^\s*(?:-\s+)?uses:\s*['"]?([^'"\s#]+)['"]?[ \t]*(#.*)?$/gm;
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const RELEASE_COMMENT = /^#\s*v\d+\.\d+\.\d+\b/;

/** Every `uses:` of the workflow: steps' actions and jobs' reusable workflows. */
function usesOf(file: WorkflowFile): string[] {
  const jobs = Object.values(file.workflow.jobs).flatMap((job) => (job.uses ? [job.uses] : []));
  return [...jobs, ...stepsOf(file).flatMap(({ step }) => (step.uses ? [step.uses] : []))];
}

/**
 * Every action is pinned by a full commit SHA with the release it is (`# v1.2.3`) beside it;
 * a moved tag cannot change what runs, and a reader still sees the version. Local reusable
 * workflows (`./…`) are part of the commit already.
 */
export const actionsPinned: Rule = (file) => {
  const lines = [...file.text.matchAll(USES_LINE)].map(([, ref = '', comment = '']) => ({
    ref,
    comment,
  }));
  const problems: string[] = [];
  for (const ref of usesOf(file)) {
    if (ref.startsWith('./')) continue;
    const line = lines.find((each) => each.ref === ref);
    if (!PINNED.test(ref)) problems.push(`${file.name}: ${ref} is not pinned by a full commit SHA`);
    else if (!line || !RELEASE_COMMENT.test(line.comment.trim())) {
      problems.push(`${file.name}: ${ref} has no "# vX.Y.Z" comment naming its release`);
    }
  }
  return problems;
};

/** The write permissions a job may hold, by `file/job`; no other job may write anything. */
export type Grants = Readonly<Record<string, Readonly<Record<string, 'write'>>>>;

function levelsOf(permissions: unknown, where: string): string[] {
  if (typeof permissions === 'string') {
    return [`${where} grants ${permissions}; list each scope instead`];
  }
  if (permissions === null || typeof permissions !== 'object') return [];
  return Object.entries(permissions)
    .filter(([, level]) => level !== 'read' && level !== 'none' && level !== 'write')
    .map(([scope, level]) => `${where} asks for ${scope}: ${String(level)}`);
}

/**
 * Read by default, write only where granted: the workflow states its top-level permissions,
 * read or none for each scope, and a job asks for `write` only where `grants` allow it.
 */
export function leastPermissions(grants: Grants): Rule {
  return (file) => {
    const { permissions, jobs } = file.workflow;
    if (permissions === undefined) {
      return [
        `${file.name}: no top-level permissions, so GitHub's default (possibly write) applies`,
      ];
    }
    const problems = levelsOf(permissions, `${file.name}: the top level`);
    if (permissions !== null && typeof permissions === 'object') {
      for (const [scope, level] of Object.entries(permissions)) {
        if (level === 'write') problems.push(`${file.name}: the top level grants ${scope}: write`);
      }
    }
    for (const [id, job] of Object.entries(jobs)) {
      const where = `${file.name}: job ${id}`;
      problems.push(...levelsOf(job.permissions, where));
      if (job.permissions === null || typeof job.permissions !== 'object') continue;
      const granted = grants[`${file.name}/${id}`] ?? {};
      for (const [scope, level] of Object.entries(job.permissions)) {
        if (level === 'write' && granted[scope] !== 'write') {
          problems.push(`${where} asks for ${scope}: write, which it is not granted`);
        }
      }
    }
    return problems;
  };
}

const EXPRESSION = '${{';

function mentionsSecret(env: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.entries(env ?? {})
    .filter(([, value]) => typeof value === 'string' && /\bsecrets\./.test(value))
    .map(([name]) => name);
}

function stepName(step: Step, index: number): string {
  return step.name ?? step.id ?? step.uses ?? `#${index + 1}`;
}

/**
 * No script can print a secret or be rewritten by an expression: `run:` holds no `${{ }}`
 * (values reach it through `env`), and a secret is set only in the `env` of a step that runs
 * an action, never of a script step, a job or the workflow, where every script would see it.
 */
export const secretsOutOfScripts: Rule = (file) => {
  const problems = mentionsSecret(file.workflow.env).map(
    (name) => `${file.name}: the workflow's env sets ${name} from a secret, for every script`,
  );
  for (const [id, job] of Object.entries(file.workflow.jobs)) {
    for (const name of mentionsSecret(job.env)) {
      problems.push(`${file.name}: job ${id}'s env sets ${name} from a secret, for every script`);
    }
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `${file.name}: job ${id}, step ${stepName(step, index)}`;
      if (step.run === undefined) continue;
      if (step.run.includes(EXPRESSION)) {
        problems.push(`${where} writes an expression into its script; pass it through env`);
      }
      for (const name of mentionsSecret(step.env)) {
        problems.push(`${where} gives its script the secret ${name}`);
      }
    }
  }
  return problems;
};

/** Every job that runs steps has a timeout, so a hung process cannot hold a runner for hours. */
export const jobsTimeBound: Rule = (file) =>
  Object.entries(file.workflow.jobs)
    .filter(([, job]) => job.steps !== undefined && job['timeout-minutes'] === undefined)
    .map(([id]) => `${file.name}: job ${id} has no timeout-minutes`);

/**
 * Every checkout leaves no token in git's configuration (`persist-credentials: false`): no
 * later step, nor any dependency it runs, can push with it. The actions that push take their
 * token as an input.
 */
export const checkoutsKeepNoToken: Rule = (file) =>
  stepsOf(file)
    .filter(({ step }) => step.uses?.startsWith('actions/checkout@'))
    .filter(({ step }) => step.with?.['persist-credentials'] !== false)
    .map(({ job }) => `${file.name}: job ${job} checks out without persist-credentials: false`);
