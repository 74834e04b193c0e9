// Reads a captured git output from test/fixtures/git/ (see its README and capture.sh).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/git', name), 'utf8');
