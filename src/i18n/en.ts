/**
 * The English catalogue: every user-facing string of the report, the CLI's human-readable tables and the web app.
 * Keys are grouped by front end; `{name}` marks a parameter filled by `translate`. The Japanese catalogue (`ja.ts`)
 * must have exactly these keys — the type checker and `test/i18n/catalogue.test.ts` both fail on a missing one.
 */
export const en = {
  report: {
    title: "Does AI scaling hit a wall, and who pays if it does?",
  },

  cli: {
    unitUsdBillions: "US$ billion",
  },

  app: {
    title: "wallcast scenario explorer",
  },
} as const;
