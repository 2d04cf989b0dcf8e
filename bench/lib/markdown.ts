import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { REPO_ROOT } from './processes';

/** A table cell: text or a figure; null and undefined print as `-`. */
export type Cell = string | number | boolean | null | undefined;

const cell = (value: Cell): string =>
  value === null || value === undefined ? '-' : String(value).replace(/\|/g, '\\|');

/** A markdown table (prettier aligns it when the file is written). */
export function table(header: string[], rows: Cell[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/**
 * Writes `bench/results/<name>.md` (formatted like the rest of the repository, so it passes the
 * format check) and `<name>.json`; returns both paths relative to the repository.
 */
export async function writeResults(
  name: string,
  markdown: string,
  json: unknown,
): Promise<string[]> {
  const dir = path.join(REPO_ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const mdFile = path.join(dir, `${name}.md`);
  const jsonFile = path.join(dir, `${name}.json`);
  const options = (await resolveConfig(mdFile)) ?? {};
  await writeFile(mdFile, await format(markdown, { ...options, parser: 'markdown' }));
  await writeFile(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
  return [path.relative(REPO_ROOT, mdFile), path.relative(REPO_ROOT, jsonFile)];
}
