#!/bin/sh
# chezmoi-flow.sh — chezmoi's own flow with git, as its docs suggest doing it by hand: baseline (d)
# of the benchmark (docs/benchmarks.md). Capture, commit, pull --rebase, push, apply.
# A conflict stops it in the middle of a rebase (exit 1): chezmoi has no way to preserve both sides.
set -eu
cd "$(chezmoi source-path)"

chezmoi re-add
# `git commit` exits 1 when there is nothing to commit; that is not a failure here.
git commit -q -a -m "update dotfiles" || true
git pull -q --rebase
git push -q
chezmoi apply --no-tty
