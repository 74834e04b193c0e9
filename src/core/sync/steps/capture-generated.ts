// Capture, for HOME edits of targets chezmoi generates (templates, encrypted files): the
// decisions live in ../capture-generated.ts; here they meet the run (identity, checkpoint,
// secret guard, what the person is told).
import { err, ok, type Result } from 'neverthrow';
import type { ManagedFile } from '../../chezmoi.js';
import type { SyncError } from '../../errors.js';
import { captureGenerated, keptMessage, type GeneratedOutcome } from '../capture-generated.js';
import { mapTemplateEdit } from '../template-mapper.js';
import type { StepContext } from './context.js';
import { scanSourceFiles } from './secret-scan.js';

/**
 * Maps HOME-edited templates onto their source and re-adds HOME-edited encrypted files; what
 * stays local is reported with its reason. Writes nothing with auto-commit off or in a dry run.
 */
export const captureGeneratedEdits = async (ctx: StepContext, edited: readonly ManagedFile[]): Promise<Result<GeneratedOutcome, SyncError>> => {
  const { deps, o, vcs, progress } = ctx;
  const r = await captureGenerated({ chezmoi: deps.chezmoi, fs: deps.fs, map: mapTemplateEdit }, edited, {
    write: o.autoCommit && !o.dryRun,
    scan: async (files) => await scanSourceFiles(deps.fs, files),
    // Something to commit needs a name and email: without one, stop before the source dir changes.
    beforeWrite: async () => {
      const who = vcs.identity !== undefined ? await vcs.identity() : ok(undefined);
      return who.isErr() ? err(who.error) : await ctx.checkpoint.ensure();
    },
    root: vcs.root,
  });
  if (r.isErr()) return r;
  if (r.value.captured.length > 0) progress.info(`captured HOME edits of generated files: ${r.value.captured.join(', ')}`);
  if (r.value.kept.length > 0) progress.info(keptMessage(r.value.kept));
  return r;
};
