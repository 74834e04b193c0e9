// Model-based property test, git backend, real git/chezmoi: the same campaigns as the jj file.
import { realCampaigns } from './real-campaigns.js';

realCampaigns('git', 20_241_111, 20_241_115);
