// A sync in a child process that SIGKILLs itself at one step boundary (`started:<step>` or
// `finished:<step>`), as a power cut or an OOM kill would: no cleanup, no finally blocks.
// Uses the built library (dist/index.js), the way an SDK user's process would run it.
import { chezmoiCli, gitFactory, jjFactory, nodeFs, runSync } from '../../dist/index.js';

const spec = JSON.parse(process.argv[2] ?? '{}');
const env = spec.env;
const vcs = spec.backend === 'jj' ? jjFactory({ env }) : gitFactory({ env });
const deps = {
  vcs,
  chezmoi: chezmoiCli({ source: spec.source, destination: spec.home, config: spec.chezmoiConfig, env }),
  fs: nodeFs,
  isAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return e.code === 'EPERM';
    }
  },
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  pid: process.pid,
};
const r = await runSync(deps, {
  host: spec.host,
  stateDir: spec.stateDir,
  sourceDir: spec.source,
  repoUrl: spec.repoUrl,
  onEvent: (e) => {
    const at = `${e.type === 'step-started' ? 'started' : 'finished'}:${e.step}`;
    if (e.type !== 'info' && at === spec.killAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write(JSON.stringify(r.isOk() ? r.value : r.error));
