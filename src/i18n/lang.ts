/** The languages wallcast speaks. */
export const LANGUAGES = ["en", "ja"] as const;

/** A language code: `en` (default) or `ja`. */
export type Lang = (typeof LANGUAGES)[number];

/** Whether a string names a supported language. */
export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}
