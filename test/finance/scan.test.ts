import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compileNetwork } from "../../src/finance/network.js";
import { openNetworkFile } from "../../src/finance/networkFile.js";
import { loadNetworkFile, parseNetwork } from "../../src/finance/parse.js";
import { scanNetwork, scanNetworkFile } from "../../src/finance/scan.js";
import { InputError } from "../../src/util/errors.js";

/** What the full parser makes of `text`: the compiled network, or the error it throws. */
function slow(text: string): unknown {
  try {
    return compileNetwork(parseNetwork(text, "net.json"));
  } catch (error) {
    return error;
  }
}

const base = {
  nodes: [
    {
      id: "A",
      kind: "bank",
      externalAssets: 10,
      externalLiabilities: 1,
      externalLayer: 2,
      buffer: 2,
      weight: 1,
    },
    { id: "B", equity: -3, marketable: 5, illiquid: 7 },
    { id: "C" },
  ],
  liabilities: [
    { from: "A", to: "B", amount: 20, layer: 1 },
    { from: "B", to: "C", amount: 0 },
    { from: "A", to: "B", amount: 0.1 },
    { from: "C", to: "A", amount: 3.5e-7, layer: 3 },
  ],
};

describe("scanNetwork()", () => {
  it("compiles the common case exactly as parseNetwork + compileNetwork, whatever the spacing and order", () => {
    const text = JSON.stringify(base);
    expect(scanNetwork(text)).toEqual(slow(text));
    const spaced = JSON.stringify({ liabilities: base.liabilities, nodes: base.nodes }, null, "\t");
    expect(scanNetwork(` \r\n${spaced}\n`)).toEqual(slow(spaced));
    expect(scanNetwork('{"nodes":[]}')).toEqual(slow('{"nodes":[]}'));
  });

  it("looks ids up by number or by hash, before or after the nodes", () => {
    const ring = (ids: string[]) => ({
      nodes: ids.map((id, i) => ({ id, externalAssets: i })),
      liabilities: ids.map((id, i) => ({ from: id, to: ids[(i * 7 + 3) % ids.length], amount: i + 1 })),
    });
    const numerals = Array.from({ length: 40 }, (_, i) => String((i * 13) % 41));
    for (const ids of [
      numerals,
      [...numerals.slice(1), "007"],
      numerals.map((id) => `n${id}`),
      ["0", "x", "1", "y"],
    ]) {
      const net = ring(ids);
      for (const text of [
        JSON.stringify(net),
        JSON.stringify({ liabilities: net.liabilities, nodes: net.nodes }),
      ])
        expect(scanNetwork(text)).toEqual(slow(text));
    }
    for (const [ids, missing] of [
      [numerals, "07"],
      [numerals, "1000"],
      [numerals, "x"],
      [["a", "b"], "c"],
    ] as const) {
      const net = ring([...ids]);
      net.liabilities[0].to = missing;
      expect(scanNetwork(JSON.stringify(net))).toBeUndefined();
      expect(scanNetwork(JSON.stringify({ liabilities: net.liabilities, nodes: net.nodes }))).toBeUndefined();
    }
    expect(scanNetwork('{"nodes":[{"id":"1"},{"id":"1"}]}')).toBeUndefined();
    expect(scanNetwork('{"nodes":[{"id":"a"},{"id":"a"}]}')).toBeUndefined();
  });

  it("reads every number as JSON.parse does", () => {
    const numbers = fc.oneof(
      fc.double({ min: 0, max: 1e15, noNaN: true }),
      fc.integer({ min: 0, max: 2 ** 50 }),
      fc.constantFrom(0, -0, 5e-324, 1e15, 0.1, 0.3, 123456789012345, 1234567890123456, 2 ** 53),
    );
    const spellings = (x: number) =>
      fc.constantFrom(
        JSON.stringify(x),
        x.toExponential(),
        x.toPrecision(17),
        x.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(x || 1)) + 20))),
        `${JSON.stringify(x)}E+0`,
        `${JSON.stringify(x).replace("e", "E")}`,
      );
    const hard = fc.constantFrom(
      "9007199254740993",
      "9007199254740992",
      "9007199254740991",
      "9999999999999999",
      "0.9007199254740993",
      "0.9007199254740991",
      "4.414717820125792",
      "1.234567890123456e-7",
      "0.30000000000000004",
      "1.00000000000000011102230246251565404236316680908203125",
      "123456789012345678901234567890",
      "0.000000000000000000000000000001",
      "1e-400",
      "4.9406564584124654e-324",
      "999999999999999.9",
      "1E15",
      "0.0e0",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          numbers.chain((x) => spellings(x)),
          hard,
        ),
        (spelled) => {
          const text = `{"nodes":[{"id":"a","externalAssets":${spelled}}]}`;
          const expected = slow(text);
          const got = scanNetwork(text);
          if (expected instanceof Error) expect(got).toBeUndefined();
          else expect(got).toEqual(expected);
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("reads 16- to 19-digit decimals correctly rounded, halfway cases included", () => {
    const spelled: string[] = [
      // Halfway between doubles (ulp 1/8 at 2⁴⁹): ties to even, one each way.
      "562949953421312.0625",
      "562949953421312.1875",
      "900719925474099.3",
      "0.1000000000000000055511151231257827",
      "1.0000000000000001110223024625156540",
      "2.2250738585072014e-8",
      "999999999999999.94",
      "123456789012345.67",
    ];
    let seed = 1;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let k = 0; k < 20_000; k++) {
      const x = Math.exp((next() - 0.5) * 40);
      if (x <= 1e15)
        spelled.push([String(x), x.toPrecision(17), x.toPrecision(19), x.toExponential(16)][k % 4]);
    }
    const text = `{"nodes":[${spelled.map((v, i) => `{"id":"${i}","externalAssets":${v}}`).join(",")}]}`;
    const assets = Array.from(scanNetwork(text)!.externalAssets);
    expect(assets).toEqual(spelled.map(Number));
  });

  it("gives up on anything else, so that the full parser words the problem", () => {
    const cases = [
      { ...base, equityHoldings: [] },
      { ...base, comment: 1 },
      { nodes: [{ id: "A", note: 1 }] },
      { nodes: [{ id: "A" }, { id: "A" }] },
      { nodes: [{ id: "A" }], liabilities: [{ from: "A", to: "A", amount: 1 }] },
      { nodes: [{ id: "0" }, { id: "1" }], liabilities: [{ from: "1", to: "1", amount: 1 }] },
      { nodes: [{ id: "1" }, { id: "0" }], liabilities: [{ from: "0", to: "0", amount: 1 }] },
      { nodes: [{ id: "A" }], liabilities: [{ from: "A", to: "Z", amount: 1 }] },
      { nodes: [{ id: "A" }], liabilities: [{ from: "A", to: "A" }] },
      { nodes: [{ id: "" }] },
      { nodes: [{ id: "é" }] },
      { nodes: [{ id: 'a"b' }] },
      { nodes: [{ id: "A", externalAssets: -1 }] },
      { nodes: [{ id: "A", externalAssets: 2e15 }] },
      { nodes: [{ id: "A", externalAssets: null }] },
      { nodes: [{ id: "A", externalLayer: 1.5 }] },
      { nodes: [{ id: "A", externalLayer: 65 }] },
      { nodes: [{ id: "A", equity: "1" }] },
      { nodes: [{}] },
      { nodes: {} },
      { liabilities: [] },
      [],
    ];
    for (const raw of cases) expect(scanNetwork(JSON.stringify(raw)), JSON.stringify(raw)).toBeUndefined();
    for (const text of [
      '{"nodes":[{"id":"A","id":"B"}]}',
      '{"nodes":[{"id":"A"}],"nodes":[]}',
      '{"nodes":[{"id":"A","externalAssets":01}]}',
      '{"nodes":[{"id":"A","externalAssets":1.}]}',
      '{"nodes":[{"id":"A","externalAssets":1e999}]}',
      '{"nodes":[{"id":"A"},]}',
      '{"nodes":[{"id":"A"}]',
      '{"nodes":[{"id":"A"}]} x',
      '\uFEFF{"nodes":[]}',
      "",
    ])
      expect(scanNetwork(text), text).toBeUndefined();
  });
});

describe("loadNetworkFile()", () => {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-scan-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads the common case and every other file alike, and words a bad file as the full parser does", () => {
    const plain = JSON.stringify(base);
    expect(loadNetworkFile(file("plain.json", plain))).toEqual(slow(plain));
    const held = JSON.stringify({ ...base, equityHoldings: [{ holder: "A", issuer: "B", fraction: 0.5 }] });
    expect(loadNetworkFile(file("held.json", held))).toEqual(compileNetwork(parseNetwork(held)));
    const unicode = JSON.stringify({
      nodes: [{ id: "Zürich" }, { id: "B" }],
      liabilities: [{ from: "Zürich", to: "B", amount: 1 }],
    });
    expect(loadNetworkFile(file("unicode.json", unicode)).ids).toEqual(["Zürich", "B"]);
    const bad = file(
      "bad.json",
      JSON.stringify({ nodes: [{ id: "A" }], liabilities: [{ from: "A", to: "Z", amount: 1 }] }),
    );
    expect(() => loadNetworkFile(bad)).toThrow(InputError);
    expect(() => loadNetworkFile(bad)).toThrow(`${bad}: liabilities[0].to: unknown node id (got "Z")`);
  });
});

describe("scanNetworkFile()", () => {
  const dir = mkdtempSync(join(tmpdir(), "wallcast-scan-window-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  /** scanNetworkFile of `text` written to a file, read through a window of `windowBytes`. */
  const scanThrough = (text: string, windowBytes: number) => {
    const path = join(dir, `net${files++}.json`);
    writeFileSync(path, text);
    const fd = openSync(path, "r");
    try {
      return scanNetworkFile(fd, statSync(path).size, windowBytes);
    } finally {
      closeSync(fd);
    }
  };
  /** 300 nodes in a ring with chords, ids numbered in order, numbered out of order, or named. */
  const ring = (id: (i: number) => string) => {
    const n = 300;
    return {
      nodes: Array.from({ length: n }, (_, i) => ({
        id: id(i),
        externalAssets: i / 7,
        externalLiabilities: 1,
      })),
      liabilities: Array.from({ length: 3 * n }, (_, k) => ({
        from: id(k % n),
        to: id((k * 7 + 1 + Math.floor(k / n)) % n),
        amount: 1 + k / 3,
      })),
    };
  };

  it("reads a file through a window that moves on many times exactly as scanNetwork reads it whole", () => {
    for (const id of [(i: number) => `${i}`, (i: number) => `${(i * 7) % 300}`, (i: number) => `bank-${i}`]) {
      const net = ring(id);
      for (const text of [JSON.stringify(net), JSON.stringify(net, null, 2), JSON.stringify(base)]) {
        const whole = scanNetwork(text);
        expect(whole).toBeDefined();
        for (const windowBytes of [512, 4096, 1 << 22]) expect(scanThrough(text, windowBytes)).toEqual(whole);
      }
    }
  });

  it("reads liabilities that come before the nodes from the whole file", () => {
    const net = ring((i) => `bank-${i}`);
    const text = JSON.stringify({ liabilities: net.liabilities, nodes: net.nodes });
    expect(scanThrough(text, 512)).toEqual(scanNetwork(text));
  });

  it("declines an element longer than the window, and what scanNetwork declines", async () => {
    const small = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}` }));
    const long = JSON.stringify({ nodes: [...small, { id: "B".repeat(300) }] });
    expect(scanNetwork(long)).toBeDefined();
    expect(scanThrough(long, 256)).toBeUndefined();
    const path = join(dir, "long.json");
    writeFileSync(path, long);
    expect(await openNetworkFile(path)).toEqual(slow(long));
    for (const text of ['{"nodes":[{"id":"A"}]} x', '{"nodes":[{"id":"A"},{"id":"A"}]}', ""])
      expect(scanThrough(text, 512)).toBeUndefined();
  });
});
