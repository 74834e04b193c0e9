#!/usr/bin/env bash
# npm run soak [-- <vitest args>]: the property suite with random seeds, each campaign running for
# CHEZMOI_SYNC_SOAK_MINUTES (default 30), every person action included (also those CI leaves out:
# `soakOnly` in the campaigns). A failure prints its seed and path; replay it with
#   CHEZMOI_SYNC_PROPERTY_SEED=<seed> CHEZMOI_SYNC_PROPERTY_PATH=<path> npx vitest run test/property/<file> -t '<campaign>'
set -euo pipefail
cd "$(dirname "$0")/../.."
toolbin=$(scripts/ensure-tools)
if [ -n "$toolbin" ]; then export PATH="$toolbin:$PATH"; fi
export CHEZMOI_SYNC_SOAK=1
export CHEZMOI_SYNC_SOAK_MINUTES="${CHEZMOI_SYNC_SOAK_MINUTES:-30}"
exec npx vitest run test/property "$@"
