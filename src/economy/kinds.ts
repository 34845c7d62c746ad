/** The kinds of entity the economy simulates. */
export const ENTITY_KINDS = [
  "lab",
  "hyperscaler",
  "neocloud",
  "integrated-cloud-db",
  "chip-vendor",
  "bank",
  "private-credit",
  "abs-holder",
  "hy-fund",
  "ig-fund",
  "pension",
  "insurer",
  "retail-investor",
  "equity-holder",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Clouds own GPU fleets and sell compute under take-or-pay contracts. */
export const CLOUD_KINDS: readonly EntityKind[] = ["hyperscaler", "neocloud", "integrated-cloud-db"];

/**
 * Clouds whose business is renting compute to the model's labs, so their whole demand is in the model:
 * their capex answers idle capacity and their unrented fleet counts as stranded. Hyperscalers also build for
 * their own services, whose demand the model does not see.
 */
export const RENTAL_CLOUD_KINDS: readonly EntityKind[] = ["neocloud", "integrated-cloud-db"];

/** Holders of claims: they only receive payments and bear losses (every kind from "bank" on). */
export const HOLDER_KINDS: readonly EntityKind[] = ENTITY_KINDS.slice(ENTITY_KINDS.indexOf("bank"));

/** Institutions that fail when their losses exhaust their capital (not index funds, holding companies or retail
 * investors, whose losses are simply theirs). */
export const FAILING_KINDS: readonly EntityKind[] = HOLDER_KINDS.filter(
  (k) => k !== "retail-investor" && k !== "equity-holder",
);

/** Loss kinds: every entity kind plus `external` (staff, power and spot-compute suppliers outside the model). */
export const LOSS_KINDS = [...ENTITY_KINDS, "external"] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/**
 * Parts of a creditor's or holder's loss: on fundamental defaulters, on contagious defaulters, RV default costs,
 * fire sales, and the net fall of its equity stakes' market value (mark-to-market).
 */
export const LOSS_PARTS = ["direct", "clearing", "defaultCost", "fireSale", "markToMarket"] as const;
export type LossPart = (typeof LOSS_PARTS)[number];

/**
 * Why a default happened: it failed only after a counterparty did not pay it in the clearing (`counterpartyLoss`);
 * a maturing bond it could not refinance (`refinancingRefused`); a loan called on its loan-to-value covenant
 * (`marginCall`); otherwise short of cash with book equity left (`illiquid`) or without (`insolvent`); or an
 * institution whose losses took its whole capital (`lossesOverCapital`).
 */
export const DEFAULT_CAUSES = [
  "counterpartyLoss",
  "refinancingRefused",
  "marginCall",
  "illiquid",
  "insolvent",
  "lossesOverCapital",
] as const;
/** One of DEFAULT_CAUSES. */
export type DefaultCause = (typeof DEFAULT_CAUSES)[number];

/** Role codes used in the hot loop. */
export const ROLE = { lab: 0, cloud: 1, vendor: 2, holder: 3 } as const;

export function roleOf(kind: EntityKind): number {
  if (kind === "lab") return ROLE.lab;
  if (kind === "chip-vendor") return ROLE.vendor;
  if (CLOUD_KINDS.includes(kind)) return ROLE.cloud;
  return ROLE.holder;
}
