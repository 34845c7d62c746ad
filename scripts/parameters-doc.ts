/** Writes docs/parameters.md from the rules' parameter declarations (`npm run docs:parameters`). */
import { writeFileSync } from "node:fs";
import { parametersMarkdown } from "../src/scenario/parametersDoc.js";

writeFileSync(new URL("../docs/parameters.md", import.meta.url), parametersMarkdown());
