/**
 * The Chinchilla form's summed Huber objective on WebAssembly (kernels/chinchillaHuber.ts): the hot loop of the
 * S1 grid and of bootstrap refits, about twice as fast per row as the same arithmetic in JavaScript and with the
 * same bits on every engine (its exp and log are plain arithmetic, not the engine's Math).
 */
import { CHINCHILLA_HUBER_WASM } from "./chinchillaHuberWasm.js";

interface Exports {
  memory: WebAssembly.Memory;
  reserve(n: number, m: number): number;
  objective(
    e: number,
    a: number,
    b: number,
    alpha: number,
    beta: number,
    base: number,
    n: number,
    m: number,
    delta: number,
  ): number;
}

/** This thread's one instance of the kernel, and the rows its memory holds now (their token). */
let kernel: Exports | undefined;
let holder: object | undefined;
/** The kernel's memory as doubles (a new view whenever `reserve` grows it). */
let memory = new Float64Array(0);

/** The kernel's instance, made at first use (a module of a few kilobytes: synchronous compilation is allowed).
 * One per thread, shared by every problem: an instance's memory is a costly reservation, and a bootstrap makes
 * thousands of problems. */
function instance(): Exports {
  kernel ??= new WebAssembly.Instance(
    new WebAssembly.Module(Uint8Array.from(atob(CHINCHILLA_HUBER_WASM), (c) => c.charCodeAt(0))),
  ).exports as unknown as Exports;
  return kernel;
}

/**
 * Binds rows to the kernel: Σ ρ_δ(log ŷ_i − target_i) at θ = (e, a, b, α, β), with the gradient over θ written
 * into `grad`, summed over `rows` (indices into the rows, repeats allowed, in order: a bootstrap resample,
 * bit-identical to the resampled rows themselves) or over each row once, in order. The rows are copied into the
 * kernel's memory when an evaluation finds another problem's there.
 */
export function chinchillaHuberKernel(
  logN: Float64Array,
  logD: Float64Array,
  target: Float64Array,
  delta: number,
  rows?: Int32Array,
): (theta: Float64Array, grad: Float64Array) => number {
  const n = target.length;
  const m = rows === undefined ? -1 : rows.length;
  const token = {};
  let base = 0;
  function load(wasm: Exports): void {
    base = wasm.reserve(n, Math.max(0, m));
    // After `reserve`, which may grow the memory (and so replace its buffer).
    if (memory.buffer !== wasm.memory.buffer) memory = new Float64Array(wasm.memory.buffer);
    const first = base / 8;
    memory.set(logN, first);
    memory.set(logD, first + n);
    memory.set(target, first + 2 * n);
    if (rows !== undefined) new Int32Array(wasm.memory.buffer).set(rows, (base + (9 * n + 5) * 8) / 4);
    holder = token;
  }
  return (theta, grad) => {
    const wasm = instance();
    if (holder !== token) load(wasm);
    const f = wasm.objective(theta[0], theta[1], theta[2], theta[3], theta[4], base, n, m, delta);
    const at = base / 8 + 3 * n;
    for (let k = 0; k < 5; k++) grad[k] = memory[at + k];
    return f;
  };
}
