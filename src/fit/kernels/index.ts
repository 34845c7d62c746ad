export { chinchillaHuberKernel } from "./chinchillaHuber.js";
