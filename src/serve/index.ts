/** `wallcast serve`: the Hono app of the JSON API and the run index, its OpenAPI document and its limits. */
export { createApp, type ServeOptions } from "./app.js";
export { type JobState, Jobs, TooManyJobsError } from "./jobs.js";
export { openApiDocument } from "./openapi.js";
export {
  MAX_API_BOOTSTRAP,
  MAX_API_PATHS,
  MAX_BODY_BYTES,
  MAX_CONCURRENT_JOBS,
  SYNC_MAX_BOOTSTRAP,
  SYNC_MAX_NODES,
  SYNC_MAX_PATHS,
} from "./schemas.js";
