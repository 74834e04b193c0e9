// The floor (a): the fewest raw commands that do a scenario's job, run one by one with no shell
// and no program around them. For a no-op it is exactly the floor: `node -e 0`, one
// `chezmoi re-add`, one `jj git fetch` and one `jj log -r @`.

/**
 * @typedef {'noop' | 'commit' | 'incoming' | 'conflict' | 'commit+incoming'} Job
 * @typedef {{ label: string, file: string, args: (prev: readonly string[]) => string[] }} Step
 */

/**
 * The floor's steps for a job. `args` sees the stdout of earlier steps (the op id to restore).
 * @param {Job} job
 * @param {string} host
 * @param {string} node   path of the node binary
 * @returns {Step[]}
 */
export const floorSteps = (job, host, node) => {
  /** @param {string} label @param {string} file @param {string[]} args @returns {Step} */
  const s = (label, file, args) => ({ label, file, args: () => args });
  const start = s('node -e 0', node, ['-e', '0']);
  const reAdd = s('chezmoi re-add', 'chezmoi', ['re-add', '--no-tty']);
  const commit = s('jj commit', 'jj', ['commit', '-m', `chore(${host}): sync dotfiles`]);
  const fetch = s('jj git fetch', 'jj', ['git', 'fetch']);
  const rebase = s('jj rebase', 'jj', ['rebase', '-b', '@', '-o', 'main@origin']);
  const setMain = s('jj bookmark set', 'jj', ['bookmark', 'set', 'main', '-r', '@-']);
  const push = s('jj git push', 'jj', ['git', 'push', '-b', 'main']);
  const apply = s('chezmoi apply', 'chezmoi', ['apply', '--no-tty']);
  switch (job) {
    case 'noop':
      return [start, reAdd, fetch, s('jj log -r @', 'jj', ['log', '--no-graph', '-r', '@'])];
    case 'commit':
      return [start, reAdd, commit, fetch, setMain, push];
    case 'incoming':
      return [start, reAdd, fetch, rebase, apply];
    case 'commit+incoming':
      return [start, reAdd, commit, fetch, rebase, setMain, push, apply];
    case 'conflict':
      return [
        start,
        reAdd,
        commit,
        s('jj op log', 'jj', ['op', 'log', '-n1', '--no-graph', '--ignore-working-copy', '-T', 'id']),
        fetch,
        rebase,
        { label: 'jj op restore', file: 'jj', args: (prev) => ['op', 'restore', (prev[3] ?? '').trim()] },
        s('jj bookmark set', 'jj', ['bookmark', 'set', `sync/${host}`, '-r', '@-', '--allow-backwards']),
        s('jj git push', 'jj', ['git', 'push', '-b', `sync/${host}`]),
      ];
  }
};
