import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';

/** The SDL, read once from schema/*.graphql in a stable order. */
export function loadTypeDefs(dir = path.join(PROJECT_ROOT, 'schema')): string {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}
