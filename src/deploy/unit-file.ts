// A systemd unit file as data, and its one rendering. Values must already be quoted where the
// key needs it (see systemd-quote.ts); the renderer refuses a value that would break a line.
import { err, ok, type Result } from 'neverthrow';
import { invalidInput, type InvalidInputError } from '../core/errors.js';

/** One `[Section]` with its `Key=value` lines, in order (a key may repeat). */
export interface UnitSection {
  readonly name: 'Unit' | 'Service' | 'Timer' | 'Path' | 'Install';
  readonly entries: readonly (readonly [key: string, value: string])[];
}

/** A unit file: its file name (`chezmoi-sync.service`) and sections. */
export interface UnitFile {
  readonly name: string;
  readonly sections: readonly UnitSection[];
}

/**
 * The text of a unit file, `header` lines first as `#` comments.
 * @example renderUnit({ name: 'x.timer', sections: [{ name: 'Timer', entries: [['OnBootSec', '5min']] }] }, [])
 * // ok('[Timer]\nOnBootSec=5min\n')
 */
export const renderUnit = (unit: UnitFile, header: readonly string[]): Result<string, InvalidInputError> => {
  const lines: string[] = header.map((h) => `# ${h}`);
  for (const section of unit.sections) {
    if (section.entries.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`[${section.name}]`);
    for (const [key, value] of section.entries) {
      // A line break in a value would start a new setting of someone else's choosing.
      if (/[\r\n]/.test(value)) return err(invalidInput(key, value, `unit ${unit.name}: the value of ${key}= contains a line break`));
      lines.push(`${key}=${value}`);
    }
  }
  return ok(`${lines.join('\n')}\n`);
};
