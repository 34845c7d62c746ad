import { describe, expect, it } from "vitest";
import { runOptimal } from "../../src/cli/optimal.js";
import {
  computeOptimalAllocation,
  dataConstrainedAllocation,
  inferenceAwareAllocationAtCompute,
} from "../../src/fit/allocation/index.js";
import { InputError } from "../../src/util/errors.js";
import { runMain } from "../support/inProcess.js";
import { EPOCH_S2, MUENNIGHOFF } from "./chinchillaData.js";

const optimal = (params: object, ...rest: string[]) =>
  runMain(["optimal", "--params", JSON.stringify(params), "--compute", "5.76e23", ...rest]);

describe.concurrent("wallcast optimal", () => {
  it("--form chinchilla --json prints the S5 allocation as one JSON object", async () => {
    const { code, stdout, stderr } = await optimal(EPOCH_S2, "--form", "chinchilla", "--json");
    expect([code, stderr]).toEqual([0, ""]);
    const result = JSON.parse(stdout);
    expect(result).toEqual({ form: "chinchilla", ...computeOptimalAllocation(EPOCH_S2, 5.76e23) });
    expect(result.N).toBeCloseTo(7.236e10, -8);
    expect(result.tokensPerParam).toBeCloseTo(18.34, 1);
  });

  it("--inference-tokens adds the lifetime FLOP and the saving against the Chinchilla model", async () => {
    const { code, stdout } = await optimal(
      EPOCH_S2,
      "--form",
      "chinchilla",
      "--inference-tokens",
      "1e13",
      "--json",
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    const expected = inferenceAwareAllocationAtCompute(EPOCH_S2, 5.76e23, 1e13);
    expect(result).toMatchObject({
      N: expected.N,
      D: expected.D,
      loss: expected.loss,
      targetLoss: expected.targetLoss,
      inferenceFlop: expected.inferenceFlop,
      totalFlop: expected.totalFlop,
      savedFlop: expected.savedFlop,
      converged: true,
    });
    expect(result.chinchilla.N).toBe(expected.chinchilla.N);
    expect(result.N).toBeLessThan(result.chinchilla.N);
  });

  it("--form data-constrained reports epochs over the unique tokens", async () => {
    const { code, stdout } = await optimal(
      MUENNIGHOFF,
      "--form",
      "data-constrained",
      "--unique-tokens",
      "1e11",
      "--json",
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toEqual({
      form: "data-constrained",
      ...dataConstrainedAllocation(MUENNIGHOFF, 5.76e23, 1e11),
    });
    expect(result.epochs).toBeGreaterThan(1);
  });

  it("prints readable lines without --json", async () => {
    const { code, stdout } = await optimal(EPOCH_S2, "--form", "chinchilla");
    expect(code).toBe(0);
    expect(stdout).toContain("parameters N       7.2354e+10");
    expect(stdout).toContain("tokens/parameter   18.3378");
  });

  it.each([
    [
      "a missing parameter",
      ["--params", '{"E":1.8,"A":400,"B":400,"alpha":0.3}'],
      /missing parameter "beta"/,
    ],
    ["malformed JSON", ["--params", '{"E":1.8,'], /--params: not valid JSON/],
    [
      "a NaN budget",
      ["--params", JSON.stringify(EPOCH_S2), "--compute", "NaN"],
      /--compute: must be a finite number \(got "NaN"\)/,
    ],
  ])("exits 2 with one message on stderr and nothing on stdout for %s", async (_name, args, message) => {
    const { code, stdout, stderr } = await runMain([
      "optimal",
      "--form",
      "chinchilla",
      "--compute",
      "1e23",
      ...args,
    ]);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr).toMatch(message);
  });
});

describe("runOptimal() validation", () => {
  const chinchilla =
    (params: object, extra: object = {}) =>
    () =>
      runOptimal({ form: "chinchilla", params: JSON.stringify(params), compute: 1e23, ...extra });

  it.each([
    [
      "a non-positive parameter",
      chinchilla({ ...EPOCH_S2, A: -1 }),
      /--params A: must be positive \(got -1\)/,
    ],
    ["a negative E", chinchilla({ ...EPOCH_S2, E: -0.5 }), /--params E: must be ≥ 0/],
    [
      "a non-numeric parameter",
      chinchilla({ ...EPOCH_S2, alpha: "NaN" }),
      /--params alpha: expected a finite/,
    ],
    ["an unknown parameter", chinchilla({ ...EPOCH_S2, gamma: 1 }), /unknown parameter for form chinchilla/],
    ["a JSON array", () => runOptimal({ form: "chinchilla", params: "[1]", compute: 1e23 }), /a JSON object/],
    ["a zero budget", chinchilla(EPOCH_S2, { compute: 0 }), /--compute: must be a positive number \(got 0\)/],
    ["no budget", chinchilla(EPOCH_S2, { compute: undefined }), /--compute: is required/],
    ["no form", () => runOptimal({ params: "{}", compute: 1e23 }), /--form: is required/],
    [
      "an unknown form",
      () => runOptimal({ form: "kaplan", params: "{}", compute: 1e23 }),
      /--form: expected/,
    ],
    [
      "a negative inference demand",
      chinchilla(EPOCH_S2, { inferenceTokens: -1 }),
      /--inference-tokens: must be ≥ 0/,
    ],
    [
      "unique tokens on the chinchilla form",
      chinchilla(EPOCH_S2, { uniqueTokens: 1e9 }),
      /only to --form data/,
    ],
    [
      "data-constrained without --unique-tokens",
      () => runOptimal({ form: "data-constrained", params: JSON.stringify(MUENNIGHOFF), compute: 1e23 }),
      /--unique-tokens: is required/,
    ],
    [
      "data-constrained with inference tokens",
      () =>
        runOptimal({
          form: "data-constrained",
          params: JSON.stringify(MUENNIGHOFF),
          compute: 1e23,
          uniqueTokens: 1e9,
          inferenceTokens: 1e9,
        }),
      /--inference-tokens: applies only to --form chinchilla/,
    ],
    [
      "data-constrained without the decay constants",
      () =>
        runOptimal({
          form: "data-constrained",
          params: JSON.stringify(EPOCH_S2),
          compute: 1e23,
          uniqueTokens: 1e9,
        }),
      /missing parameter "RDstar"/,
    ],
  ])("throws one InputError naming the flag for %s", (_name, run, message) => {
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});
