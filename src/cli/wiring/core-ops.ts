// The bridge to core's guided resolution and undo: the CLI only parses, calls one of these
// and renders the result.
export { abortResolve, continueResolve, startResolve, type OperationContext, type OperationResult } from '../../core/resolve.js';
export { undoLastSync } from '../../core/undo.js';
export { applyHeld } from '../../core/apply-held.js';
