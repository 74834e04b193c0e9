/** The oldest chezmoi we support: `--error-on-conflict` appeared in 2.71.0. */
export const MIN_CHEZMOI_VERSION = '2.71.0';
