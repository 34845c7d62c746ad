import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { cosTurn, log } from "./portable/index.js";

/** A seeded stream of random numbers; never Math.random. */
export interface Random {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, no cached second value so streams never depend on call parity). */
  normal(): number;
}

// murmur3's 32-bit finaliser: a bijective avalanche mix.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function hashKeys(keys: readonly number[], salt: number): number {
  let h = fmix32(salt ^ 0x9e3779b9);
  for (const key of keys) {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    h = fmix32(h ^ fmix32(lo + 0x7f4a7c15));
    h = fmix32(h ^ fmix32(hi + 0x2545f491));
  }
  return h;
}

/**
 * The stream for `(seed, ...keys)`: e.g. `randomStream(runSeed, chunkIndex)`. Streams for different keys are
 * seeded from independent 128-bit hashes, so results depend on the keys only, never on which thread or in
 * which order the work ran.
 */
export function randomStream(seed: number, ...keys: number[]): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`invalid seed: ${seed}`);
  const all = [seed, ...keys];
  let state = [hashKeys(all, 1), hashKeys(all, 2), hashKeys(all, 3), hashKeys(all, 4)];
  if (state.every((s) => s === 0)) state = [1, 0, 0, 0];
  const rng = xoroshiro128plusFromState(state);
  // Warm up: the first outputs of xoroshiro carry visible structure of the state.
  for (let i = 0; i < 16; i++) rng.next();
  const uniform = (): number => {
    const hi = (rng.next() >>> 0) >>> 5; // 27 bits
    const lo = (rng.next() >>> 0) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  return {
    uniform,
    int(n: number): number {
      if (!(n >= 1) || !Number.isSafeInteger(n)) throw new RangeError(`invalid n: ${n}`);
      return Math.floor(uniform() * n);
    },
    normal(): number {
      let u = uniform();
      while (u === 0) u = uniform();
      const v = uniform();
      return Math.sqrt(-2 * log(u)) * cosTurn(v);
    },
  };
}

/**
 * A stable 32-bit key for a name (FNV-1a over its UTF-16 code units), so a substream can be named
 * (`randomStream(seed, path, 0, streamKey("revenue"))`) and adding another name moves no existing stream.
 */
export function streamKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
