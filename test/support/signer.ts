// A person's commit signer (and commit hooks) as a timer meets them: they work while the person's
// agent is there (their own commands, run inside `withAgent`) and fail without it, noting each time
// they were asked so.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PersonSigner {
  /**
   * Turns signing on in a git config file (commits, pushes, `git log` showing signatures), and with
   * `hooks` a `core.hooksPath` of commit hooks that need the agent too (the pre-commit framework's
   * tool, found only in the person's shell); false when it was on already.
   */
  turnOn(gitConfig: string, o?: { readonly hooks?: boolean }): boolean;
  /** Runs `f` with the person's agent there: the signer signs. */
  withAgent<T>(f: () => T): T;
  /** Whether the signer was ever asked without the agent. */
  askedUnattended(): boolean;
  /** Forgets that it was. */
  forget(): void;
}

/** The signer's files live in `dir` (named with `name`). */
export const personSigner = (dir: string, name: string): PersonSigner => {
  const agent = join(dir, `${name}-agent`);
  const unattended = join(dir, `${name}-asked-unattended`);
  const signer = join(dir, `${name}-gpg`);
  const hooks = join(dir, `${name}-hooks`);
  return {
    turnOn: (gitConfig, o = {}) => {
      if (readFileSync(gitConfig, 'utf8').includes(signer)) return false;
      if (o.hooks === true) {
        mkdirSync(hooks, { recursive: true });
        for (const hook of ['pre-commit', 'commit-msg', 'pre-merge-commit']) {
          writeFileSync(join(hooks, hook), `#!/bin/sh\n[ -e '${agent}' ] && exit 0\necho ${hook} >> '${unattended}'\necho '\`pre-commit\` not found.  Did you forget to activate your virtualenv?' >&2\nexit 1\n`, { mode: 0o755 });
        }
        appendFileSync(gitConfig, `[core]\n\thooksPath = ${hooks}\n`);
      }
      // What git asks of gpg when signing: a signature on stdout, SIG_CREATED on the status fd (2).
      writeFileSync(
        signer,
        `#!/bin/sh\ncat > /dev/null\nif [ -e '${agent}' ]; then\n  printf '\\n[GNUPG:] SIG_CREATED D 1 8 00 0 0\\n' >&2\n  printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\n  exit 0\nfi\necho "$*" >> '${unattended}'\necho 'gpg: signing failed: No pinentry' >&2\nexit 2\n`,
        { mode: 0o755 },
      );
      appendFileSync(gitConfig, `[commit]\n\tgpgsign = true\n[push]\n\tgpgsign = true\n[log]\n\tshowSignature = true\n[gpg]\n\tprogram = ${signer}\n`);
      return true;
    },
    withAgent: (f) => {
      writeFileSync(agent, '');
      try {
        return f();
      } finally {
        rmSync(agent, { force: true });
      }
    },
    askedUnattended: () => existsSync(unattended),
    forget: () => rmSync(unattended, { force: true }),
  };
};
