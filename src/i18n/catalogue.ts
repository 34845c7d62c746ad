import type { en } from "./en.js";

/** A catalogue's shape: the English one's keys, each holding a string. */
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** One language's strings, grouped as in `en.ts`. */
export type Catalogue = Shape<typeof en>;

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A dotted key into the catalogue, such as `"report.title"`. */
export type MessageKey = Leaves<typeof en>;

/** Every dotted key of a catalogue, in declaration order. */
export function catalogueKeys(catalogue: object, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : catalogueKeys(value as object, `${prefix}${key}.`),
  );
}
