import {
  missingCommand,
  type PnpmCommand,
  pnpmCommands,
  type ScriptTable,
} from './pnpm-commands.js';
import { stepsOf, type WorkflowFile } from './workflow-files.js';
import type { Rule } from './workflow-rules.js';

/**
 * Every pnpm command a workflow runs: in its scripts, and in the inputs of its actions that
 * take a command (changesets' `version: pnpm version-packages`).
 */
export function workflowPnpmCommands(file: WorkflowFile): PnpmCommand[] {
  return stepsOf(file).flatMap(({ step }) => [
    ...(step.run ? pnpmCommands(step.run) : []),
    ...Object.values(step.with ?? {})
      .filter((value): value is string => typeof value === 'string' && /^pnpm\s/.test(value))
      .flatMap(pnpmCommands),
  ]);
}

/** Every pnpm command the workflow runs exists: a root script (checked through) or a built-in. */
export function pnpmCommandsExist(scripts: ScriptTable): Rule {
  return (file) =>
    workflowPnpmCommands(file).flatMap((command) => {
      const problem = missingCommand(command, scripts);
      return problem ? [`${file.name}: ${problem}`] : [];
    });
}
