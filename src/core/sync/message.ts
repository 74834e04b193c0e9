import { err, type Result } from 'neverthrow';
import { invalidInput, type InvalidInputError } from '../errors.js';
import { validateMessage } from '../validate.js';

export const DEFAULT_MESSAGE_TEMPLATE = 'chore({host}): sync dotfiles - {time}';

/**
 * Renders the commit message: `{host}` and `{time}` (ISO 8601) are replaced; nothing else is
 * interpreted. The result is passed as one argument, never through a shell.
 */
export const renderMessage = (template: string, host: string, time: Date): Result<string, InvalidInputError> => {
  const unknown = /\{(?!host\}|time\})[^}]*\}/.exec(template);
  if (unknown !== null) {
    return err(invalidInput('messageTemplate', template, `unknown placeholder ${unknown[0]} in the message template (use {host} and {time})`));
  }
  return validateMessage(template.replaceAll('{host}', host).replaceAll('{time}', time.toISOString()));
};

/** ok(template) when it renders. */
export const validateMessageTemplate = (template: string): Result<string, InvalidInputError> =>
  renderMessage(template, 'host', new Date(0)).map(() => template);

