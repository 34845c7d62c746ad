/** Writes the generated modules of the WebAssembly kernels (`npm run build:kernels`); see ./kernelSource.ts. */
import { writeFileSync } from "node:fs";
import { KERNELS, kernelModuleText } from "./kernelSource.js";

for (const kernel of KERNELS)
  writeFileSync(new URL(`../${kernel.module}`, import.meta.url), await kernelModuleText(kernel));
