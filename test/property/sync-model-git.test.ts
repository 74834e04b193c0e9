// Model-based property test, git backend, real git/chezmoi: the same campaigns as the jj file.
import { realCampaigns } from './real-campaigns.js';

// The person campaign's seed plays every person action git has, at least twice, and a submodule
// update from one machine coming into another's checkout (chosen with fc.sample when 'submodule' was added).
realCampaigns('git', 20_241_111, 20_243_094);
