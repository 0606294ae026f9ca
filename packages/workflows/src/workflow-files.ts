import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository these checks read. */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A step of a job, as far as the checks read it. */
export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, unknown>>;
}

/** A job: steps on a runner, or a call of a reusable workflow (`uses`). */
export interface Job {
  readonly name?: string;
  readonly needs?: string | readonly string[];
  readonly if?: string;
  readonly permissions?: unknown;
  readonly 'timeout-minutes'?: number;
  readonly strategy?: { readonly matrix?: Readonly<Record<string, unknown>> };
  readonly outputs?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly steps?: readonly Step[];
  readonly uses?: string;
}

/** A workflow document. */
export interface Workflow {
  readonly name?: string;
  readonly on: unknown;
  readonly permissions?: unknown;
  readonly env?: Readonly<Record<string, unknown>>;
  readonly jobs: Readonly<Record<string, Job>>;
}

/** A workflow file: its name, its text (comments included) and its parsed document. */
export interface WorkflowFile {
  readonly name: string;
  readonly text: string;
  readonly workflow: Workflow;
}

/** Parses a workflow's text; `name` is what messages call it. */
export function parseWorkflow(name: string, text: string): WorkflowFile {
  return { name, text, workflow: parse(text) as Workflow };
}

/** Every workflow in `.github/workflows` of `root`, by file name. */
export async function readWorkflows(root = repoRoot): Promise<WorkflowFile[]> {
  const dir = join(root, '.github/workflows');
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => parseWorkflow(name, await readFile(join(dir, name), 'utf8'))),
  );
}

/** Every step of every job, with the job's id. */
export function stepsOf(file: WorkflowFile): { job: string; step: Step }[] {
  return Object.entries(file.workflow.jobs).flatMap(([job, { steps = [] }]) =>
    steps.map((step) => ({ job, step })),
  );
}

/** The names a job `needs`, as a list. */
export function needsOf(job: Job): readonly string[] {
  if (job.needs === undefined) return [];
  return typeof job.needs === 'string' ? [job.needs] : job.needs;
}
