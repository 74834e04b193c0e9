// The chezmoi contract, run on the CLI adapter over a real chezmoi (throwaway world) and on
// the in-memory fake: same scenarios, same expected results.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chezmoiCli } from '../../src/backends/chezmoi/index.js';
import { fakeDecrypt, fakeEncrypt, memoryChezmoi } from '../../src/backends/memory/chezmoi-fake.js';
import { MemoryFs } from '../../src/backends/memory/fs.js';
import { chezmoiContract, type ChezmoiSubject } from '../contract/chezmoi-contract.js';
import { useWorld } from '../support/world.js';

chezmoiContract('CLI adapter on chezmoi', async (files) => {
  const w = await useWorld({ hosts: ['alpha'], files });
  const h = w.host('alpha');
  w.cloneWithGit(h);
  w.chezmoiApply(h);
  const chezmoi = chezmoiCli({ env: h.env, source: h.source, destination: h.home, config: h.chezmoiConfig });
  const cz = (args: readonly string[]) => w.run(h, 'chezmoi', ['--no-tty', `--config=${h.chezmoiConfig}`, `--source=${h.source}`, `--destination=${h.home}`, ...args]);
  const subject: ChezmoiSubject = {
    chezmoi,
    home: h.home,
    source: h.source,
    writeHome: (rel, c) => w.writeHome(h, rel, c),
    readHome: (rel) => w.readHome(h, rel),
    removeHome: (rel) => rmSync(join(h.home, rel)),
    writeSource: (rel, c) => w.writeSource(h, rel, c),
    readSource: (rel) => w.readSource(h, rel),
    addEncrypted: async (rel, content) => {
      // age through chezmoi's built-in implementation: a key in this world only.
      const key = join(w.root, 'age-key.txt');
      w.run(h, 'chezmoi', ['age-keygen', `--output=${key}`]);
      const recipient = /age1[0-9a-z]+/.exec(readFileSync(key, 'utf8'))?.[0] ?? '';
      appendFileSync(h.chezmoiConfig, `encryption = "age"\n[age]\nidentity = ${JSON.stringify(key)}\nrecipient = ${JSON.stringify(recipient)}\n`);
      w.writeHome(h, rel, content);
      cz(['add', '--encrypt', '--', join(h.home, rel)]);
    },
    decryptSource: (rel) => cz(['decrypt', '--', join(h.source, rel)]).stdout,
  };
  return subject;
});

chezmoiContract('in-memory fake', async (files) => {
  const fs = new MemoryFs();
  const home = '/home/user';
  const source = `${home}/.local/share/chezmoi`;
  for (const [rel, content] of Object.entries(files)) fs.write(`${source}/${rel}`, content);
  fs.write(`${source}/.git/config`, '[core]\n'); // like the real clone
  const chezmoi = memoryChezmoi({ fs, source, destination: home });
  const managed = await chezmoi.managed();
  if (managed.isErr()) throw new Error(managed.error.message);
  const applied = await chezmoi.apply({ targets: managed.value.map((m) => m.target) });
  if (applied.isErr()) throw new Error(applied.error.message);
  const toSourceName = (rel: string): string => rel.split('/').map((c) => c.replace(/^\./, 'dot_')).join('/');
  return {
    chezmoi,
    home,
    source,
    writeHome: (rel, c) => fs.write(`${home}/${rel}`, c),
    readHome: (rel) => fs.read(`${home}/${rel}`),
    removeHome: (rel) => void fs.remove(`${home}/${rel}`),
    writeSource: (rel, c) => fs.write(`${source}/${rel}`, c),
    readSource: (rel) => fs.read(`${source}/${rel}`),
    addEncrypted: async (rel, content) => {
      const parts = toSourceName(rel).split('/');
      const name = parts.pop() ?? '';
      fs.write(`${home}/${rel}`, content);
      fs.write([source, ...parts, `encrypted_${name}.age`].join('/'), fakeEncrypt(content));
      // `chezmoi add` records the file as written, like re-add does.
      const r = await chezmoi.reAdd([`${home}/${rel}`]);
      if (r.isErr()) throw new Error(r.error.message);
    },
    decryptSource: (rel) => fakeDecrypt(fs.read(`${source}/${rel}`) ?? '')._unsafeUnwrap(),
  };
});
