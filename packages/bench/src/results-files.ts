import { mkdir, rename, writeFile } from 'node:fs/promises';

/** A part's figures as its committed `.json` file holds them. */
export function resultsJson(figures: unknown): string {
  return `${JSON.stringify(figures, null, 2)}\n`;
}

/**
 * Replaces `results/<name>.md` and `results/<name>.json`: both are written aside first and
 * renamed into place once both are written, so a failed write leaves the committed results as
 * they were.
 */
export async function writeResults(name: string, markdown: string, json: string): Promise<void> {
  const dir = new URL('../results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const files = [
    [`${name}.md`, markdown],
    [`${name}.json`, json],
  ] as const;
  for (const [file, text] of files) await writeFile(new URL(`${file}.tmp`, dir), text);
  for (const [file] of files) await rename(new URL(`${file}.tmp`, dir), new URL(file, dir));
}
