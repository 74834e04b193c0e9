// Reads a captured jj/git output from test/fixtures/jj/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/jj', name), 'utf8');
