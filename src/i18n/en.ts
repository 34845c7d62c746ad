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
    intro:
      "Choose a scenario and move the assumptions that matter most: the simulator reruns in your browser, on every core, and the charts follow.",
    language: "Language",
    languages: { en: "English", ja: "日本語" },
    controls: "Settings",
    scenario: "Scenario",
    paths: "Paths",
    seed: "Seed",
    year: "Year",
    assumptions: "The assumptions that matter most",
    assumptionsNote:
      "Chosen by a sensitivity analysis, not by hand: each world assumption of the default scenario held at either end of its range, everything else drawn, ranked by how far it moves the P(default) by 2030 of the entities that can default. A slider left alone is drawn across its stated range on every path; a moved one is held at its value.",
    drawn: "drawn across {low}–{high} {unit}",
    held: "held",
    reset: "Reset",
    running: "Simulating… {percent}%",
    failed: "The simulation failed: {error}",
    ran: "{paths} paths in {seconds} s; Web Workers: {workers}.",
    results: "Results",
    entity: "Entity",
    pDefault: "P(default)",
    interval: "95% interval",
    pDefaultTitle: "Probability of default by the end of {year}",
    intervalNote: "Dot: the share of paths; bar: its 95% Wilson interval.",
    noDefaults: "No entity defaults on any path.",
    capabilityTitle: "Frontier capability",
    capabilityAxis: "Index points above the start",
    bandsNote: "Line: median; bands: 50% and 90% of paths.",
    revenueTitle: "Lab revenue against compute spend",
    revenue: "Lab revenue",
    spend: "Compute spend",
    usdBPerQuarter: "US$ billion per quarter",
    usdB: "US$ billion",
    lossesTitle: "Losses by holder",
    lossesNote: "Mean loss per path over the horizon, by part.",
    lossParts: {
      direct: "Direct",
      clearing: "Clearing",
      defaultCost: "Default costs",
      fireSale: "Fire sales",
      markToMarket: "Mark-to-market",
    },
    scenarioNames: {
      default: "Default",
      "backcast-2023": "Back-cast from 2023",
      ceiling: "Ceiling",
      "china-catch-up": "China catches up",
      "efficiency-shock": "Efficiency shock",
      "export-controls": "Export controls",
      "new-architectures": "New architectures",
      "s-curve-tops": "S-curve tops out",
      "scaling-continues": "Scaling continues",
      "us-lead": "US lead",
    },
    runs: {
      title: "Stored runs",
      none: "No runs stored yet: wallcast run stores one.",
      run: "Run",
      created: "Created",
      scenarios: "Scenarios",
      scenario: "Scenario",
      open: "Open",
      opened: "P(default) in run {run}",
      compare: "Compare two runs",
      a: "Run A",
      b: "Run B",
      compareButton: "Compare",
      same: "The two runs agree on every P(default).",
      delta: "B − A",
    },
    levers: {
      revenue_efficiencyPassThrough: {
        label: "Efficiency gains passed on as lower prices",
        doc: "Share of algorithmic-efficiency gains that labs pass on to their customers as lower prices.",
      },
      efficiency_growthPerYear: {
        label: "Growth of algorithmic efficiency",
        doc: "Multiplier per year of algorithmic efficiency: the same capability for less compute (about 3 per Ho et al. 2024).",
      },
      revenue_capabilityElasticity: {
        label: "Value of capability to users",
        doc: "Log of the value per user gained per capability index point.",
      },
      revenue_initialAdoption: {
        label: "Adoption at the start",
        doc: "Share of potential users already using AI at the start (Bass diffusion).",
      },
      market_roundValuationFloor: {
        label: "Valuation floor of funding rounds",
        doc: "Valuation, relative to the start's, below which no funding round closes.",
      },
      market_expectationHalfLifeQuarters: {
        label: "How fast the market learns",
        doc: "Half-life, in quarters, of the gap between realised revenue and the revenue the market prices in.",
      },
    },
    units: {
      fraction: "as a share",
      "×/year": "×/year",
      "log value/index point": "log value per index point",
      "× start valuation": "× the start's valuation",
      quarters: "quarters",
    },
  },
} as const;
