// Model-based property test, jj backend, real jj/git/chezmoi: random sequences of edits (HOME and
// source dir), new and deleted files, syncs, network cuts, SIGKILLed syncs, concurrent syncs, races
// with another tool's push, and guided resolutions — see docs/guarantees.md for every check.
import { realCampaigns } from './real-campaigns.js';

// The person campaign's seed plays every person action jj has, `undo` and `colocate` included (chosen with fc.sample when an action was added).
// The long campaign's sequence at 20_241_102 plays a kill inside jj's rebase, then two commits by
// hand on top of its conflict, one editing inside the markers: the person then resolves the line
// as the sync's `conflicted-line` refusal says.
realCampaigns('jj', 20_241_101, 20_241_688);
