// Where a token is, in an observation of the world (pure lookups shared by the sequence runner).
import type { Observation } from './driver.js';
import { tokensIn } from './model.js';

/** Whether a branch of the remote holds `token` in any file. */
export const remoteHas = (obs: Observation, branch: string, token: string): boolean => {
  const tree = obs.remote.get(branch);
  return tree !== undefined && filesHave(tree, token);
};

/** Whether any of `files` holds `token`. */
export const filesHave = (files: ReadonlyMap<string, string>, token: string): boolean => {
  for (const text of files.values()) if (tokensIn(text).includes(token)) return true;
  return false;
};

/** Whether `name` is one of host `h`'s branches: `sync/<h>`, or `sync/<h>-2`, `-3`… (a new side kept beside an earlier one). */
export const isHostBranch = (h: string, name: string | undefined): boolean =>
  name !== undefined && (name === `sync/${h}` || (name.startsWith(`sync/${h}-`) && /^[1-9][0-9]*$/.test(name.slice(`sync/${h}-`.length))));

/** Whether any of host `h`'s branches on the remote holds `token`. */
export const hostBranchHas = (obs: Observation, h: string, token: string): boolean =>
  [...obs.remote.keys()].some((b) => isHostBranch(h, b) && remoteHas(obs, b, token));
