export * from "./data/index.js";
export * from "./util/index.js";
export { VERSION } from "./version.js";
