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
