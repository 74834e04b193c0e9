// `chezmoi-sync/testing`: in-memory backends for other projects' tests.
export {};
