export type { Catalogue, MessageKey } from "./catalogue.js";
export { catalogueKeys } from "./catalogue.js";
export { isLang, LANGUAGES, type Lang } from "./lang.js";
export { catalogue, translator } from "./translate.js";
