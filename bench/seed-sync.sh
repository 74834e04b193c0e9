#!/bin/sh
# seed-sync.sh HOST — the seed plan's sync script with its bugs fixed: baseline (b) of the
# benchmark (docs/benchmarks.md). Run as the user whose dotfiles it syncs; jj backend only.
#
# What was fixed against the seed:
# - capture (re-add + commit) comes before the fetch: re-adding after the pull copied stale HOME
#   files over what had just been pulled, silently reverting other hosts' edits;
# - an empty working copy is not committed (the seed made an empty commit on every run);
# - the rebase targets the fetched trunk, `-b @ -o main@origin` (the seed's `-d @- -s @` rebased
#   @ onto its own parent: a no-op);
# - the bookmark moves to the committed change, `-r @-`, not to the empty working copy;
# - a conflicted rebase is undone (`jj op restore`) and this host's work is pushed to
#   `sync/HOST` instead of failing the push of a conflicted commit;
# - what came in is applied to HOME after integration, without --force and without a tty.
set -eu
host=$1
cd "$(chezmoi source-path)"

chezmoi re-add
if [ "$(jj log --no-graph -r @ -T 'empty')" = false ]; then
	jj commit -m "chore($host): sync dotfiles - $(date -u +%Y-%m-%dT%H:%M:%SZ)"
fi

before=$(jj op log -n1 --no-graph --ignore-working-copy -T 'id')
jj git fetch
jj rebase -b @ -o main@origin
if [ -n "$(jj log --no-graph -r 'conflicts()' -T 'change_id')" ]; then
	jj op restore "$before"
	jj bookmark set "sync/$host" -r @- --allow-backwards
	jj git push -b "sync/$host"
	echo "seed-sync: conflict; this host's work is on sync/$host" >&2
	exit 0
fi

jj bookmark set main -r @-
jj git push -b main
chezmoi apply --no-tty
