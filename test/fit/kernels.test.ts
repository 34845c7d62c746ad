import { describe, expect, it } from "vitest";
import { committedModuleText, KERNELS, kernelModuleText } from "../../scripts/kernelSource.js";
import { getForm } from "../../src/fit/forms/index.js";
import { getLoss } from "../../src/fit/objectives/index.js";

describe("the WebAssembly kernels", () => {
  for (const kernel of KERNELS)
    it(`${kernel.module} is what ${kernel.source} compiles to (npm run build:kernels)`, async () => {
      expect(committedModuleText(kernel)).toBe(await kernelModuleText(kernel));
    }, 30_000);

  it("chinchilla's kernel is not finite where logPredict + huberLoss is not, and never throws", () => {
    const form = getForm("chinchilla");
    const columns = {
      y: Float64Array.of(3, 2.5),
      n: Float64Array.of(1e8, 1e9),
      d: Float64Array.of(2e9, 2e10),
    };
    const loss = getLoss("huber", 1e-3);
    const data = form.prepare(columns);
    const target = loss.target(columns.y);
    const objective = form.huberObjective!(data, target, 1e-3);
    const logPred = new Float64Array(2);
    const none = new Float64Array(0);
    const grad = new Float64Array(5);
    const cases = [
      [Number.NaN, 5, 5, 0.3, 0.3],
      [0, Number.POSITIVE_INFINITY, 5, 0.3, 0.3],
      [0, 5, Number.NEGATIVE_INFINITY, 0.3, 0.3],
      [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.3, 0.3],
      [0, 5, 5, Number.POSITIVE_INFINITY, 0.3],
      [800, -800, 5, 0.3, 0.3],
    ].map((c) => Float64Array.from(c));
    for (const theta of cases) {
      form.logPredict(theta, data, logPred, null);
      const expected = loss.evaluate(logPred, target, none, new Float64Array(2), none);
      const f = objective(theta, grad);
      if (Number.isFinite(expected)) expect(f).toBeCloseTo(expected, 10);
      else expect(f).toBe(expected);
    }
  });

  it("gives each of two interleaved problems its own rows' objective (one instance, reloaded on a switch)", () => {
    const form = getForm("chinchilla");
    const loss = getLoss("huber", 1e-3);
    const make = (scale: number, rows?: Int32Array) => {
      const columns = {
        y: Float64Array.of(3, 2.5, 2.2).map((y) => y * scale),
        n: Float64Array.of(1e8, 1e9, 1e10),
        d: Float64Array.of(2e9, 2e10, 2e11),
      };
      return form.huberObjective!(form.prepare(columns), loss.target(columns.y), 1e-3, rows);
    };
    const theta = Float64Array.of(0.5, 6, 7, 0.34, 0.28);
    const [g1, g2] = [new Float64Array(5), new Float64Array(5)];
    const first = make(1);
    const alone = first(theta, g1);
    const second = make(1.1, Int32Array.of(2, 2, 0));
    const secondAlone = second(theta, g2);
    const [h1, h2] = [new Float64Array(5), new Float64Array(5)];
    for (let k = 0; k < 3; k++) {
      expect(first(theta, h1)).toBe(alone);
      expect(second(theta, h2)).toBe(secondAlone);
    }
    expect(h1).toEqual(g1);
    expect(h2).toEqual(g2);
    expect(secondAlone).not.toBe(alone);
  });
});
