import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_TEMPLATE, renderMessage } from '../../../src/core/sync/message.js';

describe('renderMessage', () => {
  const t = new Date('2026-11-25T10:00:00Z');
  it('renders the default template', () => {
    expect(renderMessage(DEFAULT_MESSAGE_TEMPLATE, 'laptop', t)._unsafeUnwrap()).toBe('chore(laptop): sync dotfiles - 2026-11-25T10:00:00.000Z');
  });
  it('passes shell-looking text through as plain text', () => {
    expect(renderMessage('$(rm -rf ~) `id` {host}; --amend', 'pi', t)._unsafeUnwrap()).toBe('$(rm -rf ~) `id` pi; --amend');
  });
  it('rejects unknown placeholders and empty messages', () => {
    expect(renderMessage('{user}', 'pi', t)._unsafeUnwrapErr().kind).toBe('invalid-input');
    expect(renderMessage('   ', 'pi', t)._unsafeUnwrapErr().kind).toBe('invalid-input');
  });
});
