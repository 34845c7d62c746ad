/** Paths per chunk of the app's Monte Carlo: fixed, so results never depend on the worker count; small, so that
 * many workers share 500. */
export const CHUNK_PATHS = 50;
