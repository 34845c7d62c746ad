/**
 * Parameter declarations. Each rule declares the parameters it reads once — name, domain, unit, default and a
 * one-line doc — and the scenario schema, the engine's field lists and the parameter table in docs/parameters.md
 * are generated from these declarations.
 */

/** Domain of a parameter: values (and fixed draws) outside [lo, hi] are errors; samples are clamped to it. */
export interface Domain {
  lo: number;
  hi: number;
  /** Whole numbers only (terms in quarters); samples are rounded. */
  integer?: boolean;
}

/** One parameter of a rule. */
export interface ParameterSpec {
  domain: Domain;
  /** Unit, e.g. "usdB/year", "fraction", "index points/OOM". */
  unit: string;
  /** One line: what it is. */
  doc: string;
  /** Value when the scenario leaves it out; absent (and not `optional`) means the scenario must give it. */
  default?: number;
  /** Optional with a fallback the rule computes from other parameters (said in `doc`). */
  optional?: true;
}

export type ParameterSpecs = Readonly<Record<string, ParameterSpec>>;

/** The smallest positive double stands for an open bound at 0. */
export const DOMAINS = {
  any: { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY },
  positive: { lo: Number.MIN_VALUE, hi: Number.POSITIVE_INFINITY },
  nonNegative: { lo: 0, hi: Number.POSITIVE_INFINITY },
  fraction: { lo: 0, hi: 1 },
  positiveInt: { lo: 1, hi: Number.POSITIVE_INFINITY, integer: true },
  nonNegativeInt: { lo: 0, hi: Number.POSITIVE_INFINITY, integer: true },
} as const satisfies Record<string, Domain>;

/** Whether the scenario must give the parameter. */
export function isRequired(spec: ParameterSpec): boolean {
  return spec.default === undefined && spec.optional === undefined;
}

/** Merges declarations, refusing a name declared twice (each parameter has one owner). */
export function mergeSpecs(...groups: ParameterSpecs[]): Record<string, ParameterSpec> {
  const out: Record<string, ParameterSpec> = Object.create(null);
  for (const group of groups)
    for (const [name, spec] of Object.entries(group)) {
      if (Object.hasOwn(out, name)) throw new RangeError(`invalid declarations: ${name} declared twice`);
      out[name] = spec;
    }
  return out;
}
