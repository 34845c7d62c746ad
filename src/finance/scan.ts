/**
 * A one-pass reader of the network file's common case, straight to the compiled `Network`: no parsed object per
 * node or liability, ids hashed from the bytes, numbers read in place, the liability CSR built from typed arrays.
 * It accepts only what it can vouch for — `nodes` and `liabilities` with the schema's keys, ASCII strings without
 * escapes, every value within the schema's bounds, ids known, unique and not owing themselves — and answers
 * `undefined` for anything else (holdings, other keys, escapes, duplicate keys, any invalid value), so that the
 * full parser reads those files and words every error exactly as before. A file is read through a window of a
 * few megabytes (`scanNetworkFile`) rather than loaded whole.
 */
import { readSync } from "node:fs";
import { MAX_LAYERS } from "../util/limits.js";
import { balanceTotals, liabilityCsr, MAX_AMOUNT, type Network } from "./network.js";

/** Keys of a node, in the order of their bit in the "seen" mask. */
const NODE_KEYS = [
  "id",
  "kind",
  "externalAssets",
  "externalLiabilities",
  "externalLayer",
  "buffer",
  "weight",
  "equity",
  "marketable",
  "illiquid",
] as const;
const LIABILITY_KEYS = ["from", "to", "amount", "layer"] as const;
const ROOT_KEYS = ["nodes", "liabilities"] as const;
/** The keys' character codes, as `key` compares them. */
const codes = (keys: readonly string[]) => keys.map((key) => Uint8Array.from(key, (c) => c.charCodeAt(0)));
const NODE_CODES = codes(NODE_KEYS);
const LIABILITY_CODES = codes(LIABILITY_KEYS);
const ROOT_CODES = codes(ROOT_KEYS);
/**
 * A fixed spelling of 8 to 12 bytes, compared as three little-endian 32-bit words at 0, 4 and length − 4 (they
 * overlap when it is shorter than 12): three reads rather than a loop over its bytes, which was a tenth of the scan.
 */
interface Spelling {
  length: number;
  first: number;
  second: number;
  last: number;
}

function spelling(text: string): Spelling {
  const word = (at: number) =>
    text.charCodeAt(at) |
    (text.charCodeAt(at + 1) << 8) |
    (text.charCodeAt(at + 2) << 16) |
    (text.charCodeAt(at + 3) << 24);
  return { length: text.length, first: word(0), second: word(4), last: word(text.length - 4) };
}

/** JSON.stringify's spelling of a liability around its values: `{"from":"`, `","to":"`, `","amount":`. */
const [FROM_OPEN, TO_OPEN, AMOUNT_OPEN] = ['{"from":"', '","to":"', '","amount":'].map(spelling);

/** Whether the `end` bytes seen through `view` hold `s` from `at`. */
function spelled(view: DataView, end: number, at: number, s: Spelling): boolean {
  return (
    at + s.length <= end &&
    view.getInt32(at, true) === s.first &&
    view.getInt32(at + 4, true) === s.second &&
    view.getInt32(at + s.length - 4, true) === s.last
  );
}

/** Numeric node fields (NODE_KEYS from externalAssets), and their values when absent, as `compileNetwork` has them. */
const FIELDS = NODE_KEYS.length - 2;
const ABSENT = Float64Array.of(0, 0, 1, Number.NaN, Number.NaN, Number.NaN, 0, 0);

/** Exact powers of ten: a decimal of at most 15 digits times or over one of these is correctly rounded. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/** a·b − p exactly, where p = fl(a·b) (Dekker's product with Veltkamp's split; |a|, |b| well below 10³⁰⁰). */
function productError(a: number, b: number, p: number): number {
  const ca = 134217729 * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = 134217729 * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * A decimal of 16 to 19 significant digits (JavaScript writes most doubles with 16 or 17), its first 15 digits
 * `head` and the `tailDigits` after them `tail`, times 10^scale, |scale| ≤ 22: correctly rounded, or NaN when
 * this cannot vouch for the rounding. The digits make the integer M = head·10^tailDigits + tail exactly as the sum
 * of two doubles, s + r (s = M rounded, r = M − s); one product or quotient by the exact power of ten, with its
 * rounding error recovered exactly (Dekker), gives the result as base + correction with an error below 2⁻⁵⁰ of an
 * ulp. When nudging the correction by 2⁻³⁰ of itself changes the rounded sum, the value lies too close to a
 * rounding boundary to be sure, and the caller asks `Number` (rarely: one value in about 10⁹). `Number` on every
 * such amount was an eighth of the scan.
 */
function wide(head: number, tail: number, tailDigits: number, scale: number): number {
  // head < 10¹⁵ times 10^tailDigits ≤ 10⁴ is p plus an exact error below 2¹⁰; with tail < 10⁴ it sums exactly
  // into q, and p ≥ 10¹⁵ > |q|, so s + r = M exactly (Fast2Sum).
  const shift = POW10[tailDigits];
  const p = head * shift;
  const q = productError(head, shift, p) + tail;
  const s = p + q;
  const r = q - (s - p);
  let base: number;
  let correction: number;
  if (scale < 0) {
    const power = POW10[-scale];
    base = s / power;
    const product = base * power;
    // s − product is exact (Sterbenz: product is within a factor 2 of s).
    correction = (s - product - productError(base, power, product) + r) / power;
  } else {
    const power = POW10[scale];
    base = s * power;
    correction = productError(s, power, base) + r * power;
  }
  const value = base + correction;
  const nudge = correction * 2 ** -30;
  return base + (correction + nudge) === value && base + (correction - nudge) === value ? value : Number.NaN;
}

/** Thrown inside the scan when the text is not the common case; caught in `scanNetwork`. */
class Unsupported extends Error {}
/** Thrown when a windowed scan would lose text it must still read (liabilities before the nodes). */
class NeedsWhole extends Error {}
const fail = (): never => {
  throw new Unsupported();
};

/** The fewest bytes a liability takes, `{"from":"0","to":"1","amount":0}` and a comma. */
const MIN_LIABILITY_BYTES = 34;

/**
 * A file is read through a window of this many bytes, refilled between elements whenever fewer than a quarter
 * of it are left: the pages of a buffer the size of the file cost more to touch the first time than the scan of
 * what they hold (66 MB took 180 ms to read into fresh memory, 4 ms into memory already touched).
 */
const WINDOW_BYTES = 1 << 22;

/** Growable column of a typed-array type, doubling like a vector. */
function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, size: number, atLeast = 0): T {
  if (size < a.length) return a;
  const bigger = new (a.constructor as new (n: number) => T)(Math.max(16, a.length * 2, atLeast));
  bigger.set(a);
  return bigger;
}

/**
 * The network in a file's bytes (or in a text, read as its UTF-8 bytes), or undefined when they are anything but
 * a valid network in the common case. When it answers, the result equals `compileNetwork(parseNetwork(text))`.
 * The bytes are read in place: decoding 66 MB into a string first cost a tenth of `clear`'s time and as much
 * again in garbage collection.
 */
export function scanNetwork(input: string | Uint8Array): Network | undefined {
  // Any byte of a multi-byte UTF-8 character is ≥ 0x80 and fails the scan, so reading bytes reads what UTF-8 would.
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const whole = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return new Scanner(whole, whole.length, -1).network();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * `scanNetwork` of the `size` bytes of the open file `fd`, read from its start through a window of `windowBytes`
 * rather than loaded whole: the same network, or undefined for anything `scanNetwork` declines and for an element
 * longer than a quarter of the window. A file whose liabilities come before its nodes is read whole, as their ids
 * must wait for the nodes. Errors of the read itself are thrown.
 */
export function scanNetworkFile(fd: number, size: number, windowBytes = WINDOW_BYTES): Network | undefined {
  const window = Buffer.allocUnsafe(Math.min(size, windowBytes));
  try {
    return new Scanner(window, size, fd).network();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    if (!(error instanceof NeedsWhole)) throw error;
  }
  const whole = Buffer.allocUnsafe(size);
  return scanNetwork(whole.subarray(0, readFrom(fd, whole, 0, 0)));
}

/** Reads file `fd` from `position` into `into` at `offset` until it is full or the file ends; the bytes now held. */
function readFrom(fd: number, into: Buffer, offset: number, position: number): number {
  let filled = offset;
  for (;;) {
    const read =
      filled < into.length ? readSync(fd, into, filled, into.length - filled, position + filled - offset) : 0;
    if (read === 0) return filled;
    filled += read;
  }
}

class Scanner {
  private at = 0;
  /** The bytes held: the whole text, or the part of a file in the window. */
  private bytes: Buffer;
  /** The same bytes, for reading four at a time. */
  private view: DataView;
  private end: number;
  /** A file's window (its buffer, `bytes` being the part filled), the file (−1: none), its size, and where in the
   * file `bytes` starts. */
  private readonly window: Buffer;
  private readonly fd: number;
  private readonly total: number;
  private base = 0;
  /** Where the last string read starts and ends (exclusive), without the quotes. */
  private strStart = 0;
  private strEnd = 0;

  // Nodes: ids packed into `pool` as they are read (node i's is pool[poolStart[i] … poolStart[i + 1] − 1]), and
  // columns.
  private nodes = 0;
  private pool: Uint8Array = new Uint8Array(4096);
  private poolStart = new Int32Array(1024);
  private kinds: string[] = [];
  /**
   * The numeric fields of node i at `values[FIELDS·i + f]`, f in the order of NODE_KEYS from externalAssets
   * (externalLayer's slot unused: it has its own integer column).
   */
  private values = new Float64Array(FIELDS * 1024);
  private externalLayer = new Int32Array(1024);
  /** Ids by hash once every node is read: (full hash, node) pairs, node −1 when free. */
  private table: Int32Array | undefined;
  /** Whether the ids are indexed (by `table` or `byNumber`): every node is read. */
  private indexed = false;
  private mask = 0;
  /**
   * When every id is a numeral ("0", "17", no leading zeros) below 4n + 16: the node of each number, −1 for
   * none. The usual export of a numbered network; a look-up then reads the digits and one small array.
   */
  private byNumber: Int32Array | undefined;
  /**
   * Whether node i's id is the numeral of i ("0", "1", … in order), the commonest export of a numbered network:
   * an id's number is then its node, with no look-up in `byNumber` (a cache miss per endpoint at 10⁶ claims).
   */
  private ordinal = false;
  // Liabilities: endpoints resolved as they are read, or kept as spans of the text when they come before the
  // nodes and resolved at the end (`pending` of them).
  private edges = 0;
  private pending = 0;
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private toStart = new Int32Array(0);
  private toEnd = new Int32Array(0);
  private fromEnd = new Int32Array(0);
  private amount = new Float64Array(1024);
  /** Layers, once a liability names one (until then every liability is in layer 1). */
  private level: Int32Array | undefined;

  /** Scans `total` bytes: all in `bytes` (`fd` −1), or file `fd` read through the window `bytes`. */
  constructor(bytes: Buffer, total: number, fd: number) {
    this.window = bytes;
    this.fd = fd;
    this.total = total;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = bytes.length;
    if (fd >= 0) this.hold(readFrom(fd, bytes, 0, 0));
  }

  /** The window's first `filled` bytes are the text from `base` on. */
  private hold(filled: number): void {
    const bytes = this.window.subarray(0, filled);
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = filled;
  }

  /**
   * Between elements (the cursor is the only position still needed), a file's window moves on when less than a
   * quarter of it is left unread: an element then fits unless it is longer than that, and one that does not fit
   * reads past `end` and fails.
   */
  private refill(): void {
    const { fd, window, at, end } = this;
    if (fd < 0 || end - at >= window.length / 4 || this.base + end >= this.total) return;
    // Liabilities read before the nodes hold their ids as spans of the text until the nodes are read.
    if (!this.indexed && this.edges > 0) throw new NeedsWhole();
    window.copyWithin(0, at, end);
    this.base += at;
    this.at = 0;
    this.hold(readFrom(fd, window, end - at, this.base + end - at));
  }
  network(): Network {
    this.space();
    this.expect(0x7b);
    let seen = 0;
    if (!this.close(0x7d)) {
      do {
        const key = this.key(ROOT_CODES);
        if (seen & (1 << key)) fail();
        seen |= 1 << key;
        this.expect(0x5b);
        if (!this.close(0x5d)) {
          do {
            this.refill();
            if (key === 0) this.node();
            else this.liability();
          } while (this.comma(0x5d));
        }
        if (key === 0) this.indexIds();
        this.refill();
      } while (this.comma(0x7d));
    }
    this.refill();
    this.space();
    if (this.at !== this.end || this.base + this.end !== this.total || !(seen & 1)) fail();
    return this.compile();
  }

  private space(): void {
    const { bytes } = this;
    let i = this.at;
    let c = bytes[i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++i];
    this.at = i;
  }

  private expect(c: number): void {
    this.space();
    if (this.bytes[this.at] !== c) fail();
    this.at++;
  }

  /** Consumes `c` (after spaces) if it is next. */
  private close(c: number): boolean {
    this.space();
    if (this.bytes[this.at] !== c) return false;
    this.at++;
    return true;
  }

  /** After an element: true on a comma, false on the closing bracket `c`; anything else is unsupported. */
  private comma(c: number): boolean {
    this.space();
    const next = this.bytes[this.at++];
    if (next === 0x2c) return true;
    if (next !== c) fail();
    return false;
  }

  /** A string without escapes or non-ASCII characters; its span goes to strStart/strEnd. */
  private string(): void {
    this.space();
    const { bytes } = this;
    if (bytes[this.at] !== 0x22) fail();
    const start = this.at + 1;
    let i = start;
    for (;;) {
      const c = bytes[i];
      if (c === 0x22) break;
      // A backslash, a control character, a byte of a multi-byte UTF-8 character, or past the end (undefined).
      if (!(c >= 0x20 && c < 0x7f && c !== 0x5c)) fail();
      i++;
    }
    this.strStart = start;
    this.strEnd = i;
    this.at = i + 1;
  }

  /** The index in `keys` of the next key (then its colon is consumed). */
  private key(keys: readonly Uint8Array[]): number {
    this.space();
    const { bytes } = this;
    if (bytes[this.at] !== 0x22) fail();
    const start = this.at + 1;
    // Each known key against the text in place, closing quote included: no pass to find the string's end
    // first, and the keys' characters from typed arrays (a third of the scan went to reading keys twice).
    // Anything else — an unknown key, an escape — matches none and is unsupported, as before.
    for (let k = 0; k < keys.length; k++) {
      const name = keys[k];
      const length = name.length;
      let c = 0;
      while (c < length && name[c] === bytes[start + c]) c++;
      if (c === length && bytes[start + length] === 0x22) {
        this.at = start + length + 1;
        this.expect(0x3a);
        return k;
      }
    }
    return fail();
  }

  /** A JSON number, read as JSON.parse reads it. */
  private number(): number {
    this.space();
    const { bytes } = this;
    const start = this.at;
    let i = start;
    let c = bytes[i];
    const negative = c === 0x2d;
    if (negative) c = bytes[++i];
    // The first 15 significant digits accumulate exactly in `head` (below 10¹⁵ < 2⁵³), the next ones in `tail`:
    // what a 16- to 19-digit decimal needs, gathered in this one pass (a second pass over its digits was a fifth
    // of the scan).
    let head = 0;
    let tail = 0;
    let digits = 0;
    let scale = 0;
    if (c === 0x30) c = bytes[++i];
    else if (c >= 0x31 && c <= 0x39) {
      do {
        if (digits < 15) head = head * 10 + (c - 0x30);
        else tail = tail * 10 + (c - 0x30);
        digits++;
        c = bytes[++i];
      } while (c >= 0x30 && c <= 0x39);
    } else fail();
    if (c === 0x2e) {
      c = bytes[++i];
      if (!(c >= 0x30 && c <= 0x39)) fail();
      do {
        // Leading zeros of a fraction are not significant digits.
        if (digits !== 0 || c !== 0x30) {
          if (digits < 15) head = head * 10 + (c - 0x30);
          else tail = tail * 10 + (c - 0x30);
          digits++;
        }
        scale--;
        c = bytes[++i];
      } while (c >= 0x30 && c <= 0x39);
    }
    if (c === 0x65 || c === 0x45) {
      c = bytes[++i];
      let sign = 1;
      if (c === 0x2b || c === 0x2d) {
        sign = c === 0x2d ? -1 : 1;
        c = bytes[++i];
      }
      if (!(c >= 0x30 && c <= 0x39)) fail();
      let exponent = 0;
      do {
        if (exponent < 1e6) exponent = exponent * 10 + (c - 0x30);
        c = bytes[++i];
      } while (c >= 0x30 && c <= 0x39);
      scale += sign * exponent;
    }
    this.at = i;
    if (digits === 0) return negative ? -0 : 0;
    let mantissa = head;
    // A 16th digit: the sum is below 2⁵³ exactly when the true one is (each rounding is monotone and 2⁵³ is a
    // double), and then every step was exact.
    let exact = digits <= 15;
    if (digits === 16) {
      mantissa = head * 10 + tail;
      exact = mantissa < 2 ** 53;
    }
    if (scale < -22 || scale > 22) exact = false;
    // Clinger's fast path: both operands exact, so the one rounding is the correctly rounded result.
    if (exact) {
      const magnitude = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
      return negative ? -magnitude : magnitude;
    }
    if (digits <= 19 && scale >= -22 && scale <= 22) {
      const magnitude = wide(head, tail, digits - 15, scale);
      if (!Number.isNaN(magnitude)) return negative ? -magnitude : magnitude;
    }
    return Number(bytes.toString("latin1", start, i));
  }

  private amountValue(): number {
    const v = this.number();
    if (!(v >= 0 && v <= MAX_AMOUNT)) fail();
    return v;
  }

  private layerValue(): number {
    const v = this.number();
    if (!(Number.isInteger(v) && v >= 1 && v <= MAX_LAYERS)) fail();
    return v;
  }

  private node(): void {
    const i = this.nodes;
    if (i === this.externalLayer.length) {
      this.externalLayer = grow(this.externalLayer, i);
      this.values = grow(this.values, FIELDS * i);
    }
    const { values } = this;
    const at = FIELDS * i - 2; // values[at + key] is the field of NODE_KEYS[key]
    for (let f = 0; f < FIELDS; f++) values[FIELDS * i + f] = ABSENT[f];
    this.externalLayer[i] = 1;
    let kind = "node";
    this.expect(0x7b);
    let seen = 0;
    if (!this.close(0x7d)) {
      do {
        const key = this.key(NODE_CODES);
        if (seen & (1 << key)) fail();
        seen |= 1 << key;
        switch (key) {
          case 0:
            this.string();
            if (this.strEnd === this.strStart) fail();
            this.keepId(i);
            break;
          case 1:
            this.string();
            kind = this.bytes.toString("latin1", this.strStart, this.strEnd);
            break;
          case 4:
            this.externalLayer[i] = this.layerValue();
            break;
          case 7: {
            const v = this.number();
            if (!(v >= -MAX_AMOUNT && v <= MAX_AMOUNT)) fail();
            values[at + key] = v;
            break;
          }
          default:
            values[at + key] = this.amountValue();
        }
      } while (this.comma(0x7d));
    }
    if (!(seen & 1)) fail();
    this.kinds.push(kind);
    this.nodes++;
  }

  /** Node `i`'s id, the string just read, into the pool (the text may move on before the ids are indexed). */
  private keepId(i: number): void {
    const { strStart, strEnd } = this;
    if (i + 1 === this.poolStart.length) this.poolStart = grow(this.poolStart, i + 1);
    const at = this.poolStart[i];
    const length = strEnd - strStart;
    if (at + length > this.pool.length) this.pool = grow(this.pool, at + length, 2 * (at + length));
    const { pool, bytes } = this;
    for (let c = strStart, to = at; c < strEnd; c++, to++) pool[to] = bytes[c];
    this.poolStart[i + 1] = at + length;
  }

  private liability(): void {
    const k = this.edges;
    // Room at once for as many liabilities as the rest of the text can hold: one copy rather than ten doublings,
    // and the pages never written are never touched.
    const room = k + Math.ceil((this.total - this.base - this.at) / MIN_LIABILITY_BYTES);
    if (k === this.amount.length) {
      this.from = grow(this.from, k, room);
      this.to = grow(this.to, k, room);
      this.amount = grow(this.amount, k, room);
      if (this.level) this.level = grow(this.level, k, room);
    }
    if (!this.indexed && k === this.toStart.length) {
      this.toStart = grow(this.toStart, k, room);
      this.toEnd = grow(this.toEnd, k, room);
      this.fromEnd = grow(this.fromEnd, k, room);
    }
    if (this.level) this.level[k] = 1;
    // Once the ids are indexed, JSON.stringify's spelling is matched byte for byte; any other goes key by key.
    if (!(this.indexed && this.compactLiability(k))) this.spacedLiability(k);
    if (this.indexed && this.from[k] === this.to[k]) fail(); // owes itself
    this.edges++;
    if (!this.indexed) this.pending = this.edges;
  }

  /**
   * The liability at the cursor if it is spelled `{"from":"…","to":"…","amount":…}`, no spaces: true when read,
   * false with nothing consumed at the first byte that differs. A fifth of the time went to matching keys and
   * skipping absent spaces one call at a time.
   */
  private compactLiability(k: number): boolean {
    this.space();
    const { bytes, view, end } = this;
    const first = this.at;
    if (!spelled(view, end, first, FROM_OPEN)) return false;
    const fromStart = first + FROM_OPEN.length;
    // Ids numbered in node order are read as numbers on the way to their closing quote.
    const from = this.ordinal ? this.ordinalId(fromStart) : -1;
    const fromEnd = this.ordinal ? this.strEnd : this.stringEnd(fromStart);
    if (!spelled(view, end, fromEnd, TO_OPEN)) return false;
    const toStart = fromEnd + TO_OPEN.length;
    const to = this.ordinal ? this.ordinalId(toStart) : -1;
    const toEnd = this.ordinal ? this.strEnd : this.stringEnd(toStart);
    if (!spelled(view, end, toEnd, AMOUNT_OPEN)) return false;
    this.at = toEnd + AMOUNT_OPEN.length;
    const amount = this.amountValue();
    if (bytes[this.at] !== 0x7d) {
      this.at = first;
      return false;
    }
    this.at++;
    this.from[k] = this.ordinal ? from : this.find(fromStart, fromEnd);
    this.to[k] = this.ordinal ? to : this.find(toStart, toEnd);
    this.amount[k] = amount;
    return true;
  }

  /**
   * The node named by the id string starting at `start` (after its quote) when the ids are numbered in node order,
   * its closing quote to `strEnd`: `find` and `stringEnd` in one pass over its characters. Anything but the
   * numeral of a node (no leading zero) is unsupported, as `find` has it.
   */
  private ordinalId(start: number): number {
    const { bytes } = this;
    let i = start;
    let value = bytes[i] - 0x30;
    if (!(value >= 0 && value <= 9)) fail();
    let c = bytes[++i];
    if (value === 0 && c !== 0x22) fail();
    while (c !== 0x22) {
      const digit = c - 0x30;
      if (!(digit >= 0 && digit <= 9) || i - start >= 9) fail();
      value = value * 10 + digit;
      c = bytes[++i];
    }
    if (value >= this.nodes) fail();
    this.strEnd = i;
    return value;
  }

  /** Where the id string starting at `start` (after its quote) ends: its closing quote; not empty, as `string`. */
  private stringEnd(start: number): number {
    const { bytes } = this;
    let i = start;
    let c = bytes[i];
    while (c !== 0x22) {
      if (!(c >= 0x20 && c < 0x7f && c !== 0x5c)) fail();
      c = bytes[++i];
    }
    if (i === start) fail();
    return i;
  }

  /** A liability key by key, any spacing and order. */
  private spacedLiability(k: number): void {
    this.expect(0x7b);
    let seen = 0;
    if (!this.close(0x7d)) {
      do {
        const key = this.key(LIABILITY_CODES);
        if (seen & (1 << key)) fail();
        seen |= 1 << key;
        if (key === 0 || key === 1) {
          this.string();
          const { strStart, strEnd } = this;
          if (strEnd === strStart) fail();
          // While the text is in cache: look the id up now, or keep where it is for later.
          const node = !this.indexed ? strStart : this.find(strStart, strEnd);
          if (key === 0) {
            this.from[k] = node;
            if (!this.indexed) this.fromEnd[k] = strEnd;
          } else {
            this.to[k] = node;
            if (!this.indexed) {
              this.toStart[k] = strStart;
              this.toEnd[k] = strEnd;
            }
          }
        } else if (key === 2) this.amount[k] = this.amountValue();
        else {
          this.level ??= new Int32Array(this.amount.length).fill(1);
          this.level[k] = this.layerValue();
        }
      } while (this.comma(0x7d));
    }
    if ((seen & 0b111) !== 0b111) fail();
  }

  /** The table of node ids; a duplicate id is unsupported. */
  private indexIds(): void {
    this.indexed = true;
    this.byNumber = this.numberTable();
    if (this.byNumber !== undefined) return;
    const { pool, poolStart, nodes: n } = this;
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.mask = size - 1;
    const table = new Int32Array(2 * size);
    for (let slot = 0; slot < size; slot++) table[2 * slot + 1] = -1;
    this.table = table;
    for (let i = 0; i < n; i++) {
      const start = poolStart[i];
      const end = poolStart[i + 1];
      const h = hashOf(pool, start, end);
      let slot = h & this.mask;
      for (; table[2 * slot + 1] !== -1; slot = (slot + 1) & this.mask)
        if (table[2 * slot] === h && this.same(table[2 * slot + 1], pool, start, end)) fail(); // duplicate
      table[2 * slot] = h;
      table[2 * slot + 1] = i;
    }
  }

  /** `byNumber` when every id is a small numeral, else undefined; a duplicate id is unsupported. */
  private numberTable(): Int32Array | undefined {
    const { nodes: n, pool, poolStart } = this;
    const limit = 4 * n + 16;
    for (let i = 0; i < n; i++) {
      const v = numeralOf(pool, poolStart[i], poolStart[i + 1]);
      if (v < 0 || v >= limit) return undefined;
    }
    const table = new Int32Array(limit).fill(-1);
    let ordinal = true;
    for (let i = 0; i < n; i++) {
      const v = numeralOf(pool, poolStart[i], poolStart[i + 1]);
      if (table[v] !== -1) fail(); // duplicate
      table[v] = i;
      if (v !== i) ordinal = false;
    }
    this.ordinal = ordinal;
    return table;
  }

  /** Whether node `i`'s id is `text[start … end − 1]`. */
  private same(i: number, text: Uint8Array, start: number, end: number): boolean {
    const { pool, poolStart } = this;
    let a = poolStart[i];
    if (poolStart[i + 1] - a !== end - start) return false;
    for (let c = start; c < end; c++, a++) if (pool[a] !== text[c]) return false;
    return true;
  }

  /** The node whose id is the text's `start … end − 1`; an unknown id is unsupported. */
  private find(start: number, end: number): number {
    const { byNumber } = this;
    if (byNumber !== undefined) {
      // Every id is a numeral: anything else names no node.
      const v = numeralOf(this.bytes, start, end);
      if (this.ordinal) return v >= 0 && v < this.nodes ? v : fail();
      const i = v >= 0 && v < byNumber.length ? byNumber[v] : -1;
      return i === -1 ? fail() : i;
    }
    const table = this.table as Int32Array;
    const h = hashOf(this.bytes, start, end);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const i = table[2 * slot + 1];
      if (i === -1) return fail();
      if (table[2 * slot] === h && this.same(i, this.bytes, start, end)) return i;
    }
  }

  /** The network: endpoints read before the nodes resolved, then the liability CSR and the node columns. */
  private compile(): Network {
    const { nodes: n, pool, poolStart, edges: m, from, to } = this;
    for (let k = 0; k < this.pending; k++) {
      from[k] = this.find(from[k], this.fromEnd[k]);
      to[k] = this.find(this.toStart[k], this.toEnd[k]);
      if (from[k] === to[k]) fail(); // owes itself
    }
    const {
      start,
      creditor,
      amount,
      layer,
      layers: liabilityLayers,
    } = liabilityCsr(
      from.subarray(0, m),
      to.subarray(0, m),
      this.amount.subarray(0, m),
      this.level?.subarray(0, m),
      n,
    );
    const externalLayer = this.externalLayer.slice(0, n);
    let layers = liabilityLayers;
    for (let i = 0; i < n; i++) if (externalLayer[i] > layers) layers = externalLayer[i];
    const ids: string[] = new Array(n);
    const text = Buffer.from(pool.buffer, pool.byteOffset, pool.byteLength);
    for (let i = 0; i < n; i++) ids[i] = text.toString("latin1", poolStart[i], poolStart[i + 1]);
    // The id → node map on first use: built here, it was a tenth of the scan, and `clear` never reads it.
    let index: Map<string, number> | undefined;
    const column = (key: number) => {
      const out = new Float64Array(n);
      for (let i = 0, at = key - 2; i < n; i++, at += FIELDS) out[i] = this.values[at];
      return out;
    };
    const [assets, external, buffer, weight, equity, marketable, illiquid] = [2, 3, 5, 6, 7, 8, 9].map(
      column,
    );
    const none = (): Network["equityHoldings"] => ({
      holder: new Int32Array(0),
      issuer: new Int32Array(0),
      fraction: new Float64Array(0),
    });
    return {
      n,
      ids,
      kinds: this.kinds,
      get index() {
        index ??= new Map(ids.map((id, i) => [id, i]));
        return index;
      },
      externalAssets: assets,
      externalLiabilities: external,
      externalLayer,
      buffer,
      weight,
      equity,
      marketable,
      illiquid,
      liabilities: { start, creditor, amount, layer },
      ...balanceTotals({ start, creditor, amount, layer }, external),
      layers,
      equityHoldings: none(),
      debtHoldings: none(),
    };
  }
}

/**
 * FNV-1a hash of `text[start … end − 1]`. Ids are packed into a small pool and the table holds each id's full
 * hash beside its node, so a look-up touches a few cache lines rather than the whole text.
 */
function hashOf(text: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let c = start; c < end; c++) h = Math.imul(h ^ text[c], 0x01000193);
  return h;
}

/** The value of the numeral `text[start … end − 1]` (digits, no leading zero, at most 9), else −1. */
function numeralOf(text: Uint8Array, start: number, end: number): number {
  if (end - start > 9 || (text[start] === 0x30 && end - start > 1)) return -1;
  let value = 0;
  for (let c = start; c < end; c++) {
    const digit = text[c] - 0x30;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}
