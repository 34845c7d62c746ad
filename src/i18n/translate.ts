import type { Catalogue, MessageKey } from "./catalogue.js";
import { en } from "./en.js";
import { ja } from "./ja.js";
import type { Lang } from "./lang.js";

const CATALOGUES: Record<Lang, Catalogue> = { en, ja };

/** The catalogue of a language. */
export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/** A message function for one language: `t("report.title")`, `t("cli.rows", { n: 3 })`. */
export function translator(
  lang: Lang,
): (key: MessageKey, params?: Record<string, string | number>) => string {
  const strings = CATALOGUES[lang];
  return (key, params) => {
    const template = lookup(strings, key);
    if (template === undefined) throw new RangeError(`invalid message key ${key}`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
  };
}
