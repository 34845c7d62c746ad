/** The registry of functional forms, by the names the CLI accepts. */
import { bnsl } from "./bnsl.js";
import { chinchilla } from "./chinchilla.js";
import { dataConstrained } from "./dataConstrained.js";
import { kaplan } from "./kaplan.js";
import { power } from "./power.js";
import { sigmoid } from "./sigmoid.js";
import type { Form } from "./types.js";

export { bnsl } from "./bnsl.js";
export { chinchilla } from "./chinchilla.js";
export { dataConstrained } from "./dataConstrained.js";
export { kaplan } from "./kaplan.js";
export { power } from "./power.js";
export { sigmoid } from "./sigmoid.js";
export type { FitColumns, Form, InputName, ParamSpec, Prepared } from "./types.js";

/** Form names in the CLI contract. */
export const FORM_NAMES = ["chinchilla", "power", "bnsl", "sigmoid", "data-constrained", "kaplan"] as const;
/** A form name the registry knows: one of `FORM_NAMES`. */
export type FormName = (typeof FORM_NAMES)[number];

export interface FormOptions {
  /** Breaks of a BNSL, 1–3; default 1. Ignored by the other forms. */
  breaks?: number;
}

/** The form called `name`; an unknown name is a RangeError listing the known ones. */
export function getForm(name: string, options: FormOptions = {}): Form {
  switch (name) {
    case "chinchilla":
      return chinchilla;
    case "power":
      return power;
    case "bnsl":
      return bnsl(options.breaks ?? 1);
    case "sigmoid":
      return sigmoid;
    case "data-constrained":
      return dataConstrained;
    case "kaplan":
      return kaplan;
    default:
      throw new RangeError(`invalid form: ${name} (known: ${FORM_NAMES.join(", ")})`);
  }
}
