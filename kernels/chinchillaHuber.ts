/**
 * The summed Huber objective of the Chinchilla form and its gradient (AssemblyScript, compiled to WebAssembly by
 * `npm run build:kernels`): `chinchilla.logPredict` (src/fit/forms/chinchilla.ts), `huberLoss` and the chain
 * rule fused into one pass, with AssemblyScript's exp and log, which use only +, −, ×, ÷ on doubles and so give
 * the same bits on every engine.
 *
 * Memory (doubles from `base`, written by the caller): log N (n), log D (n), targets (n), the gradient (5),
 * then the terms (6 per row: f and the 5 gradient entries) and the resampled rows (i32 indices).
 */

/** Bytes of linear memory from the base `reserve` returns that `n` rows and `m` resampled rows need. */
function bytesFor(n: i32, m: i32): usize {
  return (<usize>(3 * n + 5 + 6 * n) << 3) + (<usize>m << 2);
}

/** Where the caller's data start (16-byte aligned, past the module's static data), growing memory to hold
 * `n` rows and `m` resampled rows. */
export function reserve(n: i32, m: i32): usize {
  const base = (__heap_base + 15) & ~(<usize>15);
  const need = base + bytesFor(n, m);
  const have = <usize>memory.size() << 16;
  if (need > have) memory.grow(<i32>((need - have + 0xffff) >> 16));
  return base;
}

/**
 * f = Σ ρ_δ(LSE(e, a − α log N, b − β log D) − target) over the rows (each once, in order, when `m` < 0; else the
 * `m` resampled rows, in their order, each distinct row's work done once); the gradient over (e, a, b, α, β) is
 * written after the targets.
 */
export function objective(
  e: f64,
  a: f64,
  b: f64,
  alpha: f64,
  beta: f64,
  base: usize,
  n: i32,
  m: i32,
  delta: f64,
): f64 {
  const logN = base;
  const logD = logN + (<usize>n << 3);
  const target = logD + (<usize>n << 3);
  const grad = target + (<usize>n << 3);
  const terms = grad + 40;
  const rows = terms + (<usize>(6 * n) << 3);
  const half = 0.5 * delta;
  let f: f64 = 0;
  let g0: f64 = 0;
  let g1: f64 = 0;
  let g2: f64 = 0;
  let g3: f64 = 0;
  let g4: f64 = 0;
  for (let i = 0; i < n; i++) {
    const ln = load<f64>(logN + (<usize>i << 3));
    const ld = load<f64>(logD + (<usize>i << 3));
    const t1 = a - alpha * ln;
    const t2 = b - beta * ld;
    let mx: f64;
    let w0: f64 = 1;
    let w1: f64 = 1;
    let w2: f64 = 1;
    if (t1 >= t2 && t1 >= e) {
      mx = t1;
      w0 = Math.exp(e - mx);
      w2 = Math.exp(t2 - mx);
    } else if (t2 >= e) {
      mx = t2;
      w0 = Math.exp(e - mx);
      w1 = Math.exp(t1 - mx);
    } else if (e - e == 0 && t1 - t1 == 0 && t2 - t2 == 0) {
      mx = e;
      w1 = Math.exp(t1 - mx);
      w2 = Math.exp(t2 - mx);
    } else mx = NaN;
    if (!(mx - mx == 0)) {
      // An infinite or NaN term: all three, as Math.max gives them.
      mx = Math.max(e, Math.max(t1, t2));
      w0 = Math.exp(e - mx);
      w1 = Math.exp(t1 - mx);
      w2 = Math.exp(t2 - mx);
    }
    let p0: f64 = 0;
    let p1: f64 = 0;
    let p2: f64 = 0;
    let lse = mx;
    if (mx != -Infinity) {
      const sum = w0 + w1 + w2;
      const inv = 1 / sum;
      p0 = w0 * inv;
      p1 = w1 * inv;
      p2 = w2 * inv;
      lse = mx + Math.log(sum);
    }
    const r = lse - load<f64>(target + (<usize>i << 3));
    let d: f64;
    let term: f64;
    if (r > delta) {
      term = delta * (r - half);
      d = delta;
    } else if (r < -delta) {
      term = -(delta * (r + half));
      d = -delta;
    } else {
      term = 0.5 * r * r;
      d = r;
    }
    const c0 = d * p0;
    const c1 = d * p1;
    const c2 = d * p2;
    const c3 = d * (-p1 * ln);
    const c4 = d * (-p2 * ld);
    if (m < 0) {
      f += term;
      g0 += c0;
      g1 += c1;
      g2 += c2;
      g3 += c3;
      g4 += c4;
    } else {
      const o = terms + (<usize>(6 * i) << 3);
      store<f64>(o, term);
      store<f64>(o, c0, 8);
      store<f64>(o, c1, 16);
      store<f64>(o, c2, 24);
      store<f64>(o, c3, 32);
      store<f64>(o, c4, 40);
    }
  }
  for (let t = 0; t < m; t++) {
    const o = terms + (<usize>(6 * load<i32>(rows + (<usize>t << 2))) << 3);
    f += load<f64>(o);
    g0 += load<f64>(o, 8);
    g1 += load<f64>(o, 16);
    g2 += load<f64>(o, 24);
    g3 += load<f64>(o, 32);
    g4 += load<f64>(o, 40);
  }
  store<f64>(grad, g0);
  store<f64>(grad, g1, 8);
  store<f64>(grad, g2, 16);
  store<f64>(grad, g3, 24);
  store<f64>(grad, g4, 32);
  return f;
}
