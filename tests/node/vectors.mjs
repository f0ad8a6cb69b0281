// Writes convex/testdata/vectors.json to stdout: Convex JSON test vectors
// produced by the official convex/values (convexToJson / jsonToConvex), so the
// Go codec is checked against the real package, not against our reading of it.
//
//   node tests/node/vectors.mjs > convex/testdata/vectors.json
//
// The output is deterministic (fixed cases plus values from a seeded PRNG);
// `make check` regenerates it and fails on any difference.
//
// Case kinds:
//   value         "json" is JSON.stringify(convexToJson(v)); "value" describes v.
//   decode        "input" is non-canonical JSON that jsonToConvex accepts;
//                 "value" describes the result, "json" is its canonical encoding.
//   decode_error  jsonToConvex(JSON.parse(input)) throws "error".
//   encode_error  convexToJson(v) throws "error"; "value" describes v.
//
// A value description is {"t": type, ...}: null; bool {v}; float64 {bits:
// 16 hex digits of the IEEE-754 value, num: String(n)}; int64 {v: decimal};
// string {v}; bytes {hex}; array {v: [...]}; object {v: {key: ...}};
// commitTs (the unresolved commit timestamp placeholder); undefined (a field
// convexToJson drops); bigint {v} outside int64 (encode errors only);
// unsupported {js: the JavaScript type} (encode errors only).
import { readFileSync } from "node:fs";
import { CommitTsPlaceholder, convexToJson, jsonToConvex } from "convex/values";

const convexVersion = JSON.parse(
  readFileSync(new URL("./node_modules/convex/package.json", import.meta.url)),
).version;

const bytes = (a) => new Uint8Array(a).buffer;
const hex = (buf) => Buffer.from(new Uint8Array(buf)).toString("hex");

function floatBits(n) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  return hex(view.buffer);
}

// describe turns a JavaScript value into the typed description above.
function describe(v) {
  if (v === undefined) return { t: "undefined" };
  if (v === null) return { t: "null" };
  if (typeof v === "boolean") return { t: "bool", v };
  if (typeof v === "number") return { t: "float64", bits: floatBits(v), num: Object.is(v, -0) ? "-0" : String(v) };
  if (typeof v === "bigint") {
    const inRange = v >= -(2n ** 63n) && v < 2n ** 63n;
    return { t: inRange ? "int64" : "bigint", v: v.toString() };
  }
  if (typeof v === "string") return { t: "string", v };
  if (v instanceof ArrayBuffer) return { t: "bytes", hex: hex(v) };
  if (Array.isArray(v)) return { t: "array", v: v.map(describe) };
  if (v instanceof CommitTsPlaceholder) return { t: "commitTs" };
  if (Object.getPrototypeOf(v) === Object.prototype) {
    const out = {};
    for (const [k, e] of Object.entries(v)) out[k] = describe(e);
    return { t: "object", v: out };
  }
  return { t: "unsupported", js: v.constructor.name };
}

const cases = [];

function valueCase(name, v) {
  const json = JSON.stringify(convexToJson(v));
  const again = JSON.stringify(convexToJson(jsonToConvex(JSON.parse(json))));
  if (again !== json) throw new Error(`${name}: round trip changed ${json} into ${again}`);
  cases.push({ name, kind: "value", json, value: describe(v) });
}

function decodeCase(name, input) {
  const v = jsonToConvex(JSON.parse(input));
  cases.push({ name, kind: "decode", input, json: JSON.stringify(convexToJson(v)), value: describe(v) });
}

function decodeErrorCase(name, input) {
  try {
    jsonToConvex(JSON.parse(input));
  } catch (e) {
    cases.push({ name, kind: "decode_error", input, error: e.message });
    return;
  }
  throw new Error(`${name}: jsonToConvex accepted ${input}`);
}

function encodeErrorCase(name, v) {
  try {
    convexToJson(v);
  } catch (e) {
    cases.push({ name, kind: "encode_error", value: describe(v), error: e.message });
    return;
  }
  throw new Error(`${name}: convexToJson accepted the value`);
}

// Reference §4: the vectors from the convex-http-api reference.
valueCase("bigint 0n", 0n);
valueCase("bigint 1n", 1n);
valueCase("bigint -1n", -1n);
valueCase("bigint 256n", 256n);
valueCase("bigint 2^63-1", 2n ** 63n - 1n);
valueCase("bigint -(2^63)", -(2n ** 63n));
valueCase("bytes empty", bytes([]));
valueCase("bytes [0,1,2,253,254,255]", bytes([0, 1, 2, 253, 254, 255]));
valueCase("bytes 'hello'", new TextEncoder().encode("hello").buffer);
valueCase("number NaN", NaN);
valueCase("number Infinity", Infinity);
valueCase("number -Infinity", -Infinity);
valueCase("number -0", -0);
valueCase("number 0", 0);
valueCase("number 3", 3);
valueCase("number 3.5", 3.5);
valueCase("number 1e21", 1e21);
valueCase("number 2^53+2", 2 ** 53 + 2);
valueCase("number 5e-324", 5e-324);
valueCase("string unicode", 'héllo wörld ✓ 😀 \u0000 "q" \\ \n');
valueCase("null", null);
valueCase("booleans", [true, false]);
valueCase("object key order", { b: 1, a: 2, _c: 3, B: 4, "a b": 5, "~": 6, "": 7 });
valueCase("undefined field dropped", { x: undefined, y: 1 });
valueCase("nested", { list: [1n, { inner: [NaN, bytes([255])] }], obj: { deep: { deeper: [[], {}] } } });
// Escaping and number formatting.
valueCase("string html characters", "<a&b>");
valueCase("string U+2028 U+2029", "line\u2028para\u2029end");
valueCase("string control characters and DEL", "\t\b\f\r\u001f\u0001\u007f");
valueCase("string empty", "");
valueCase("number 0.1", 0.1);
valueCase("number 1e-7", 1e-7);
valueCase("number 1e-6", 1e-6);
valueCase("number 123456789012345680000", 123456789012345680000);
valueCase("number 999999999999999900000", 999999999999999900000);
valueCase("number -1.5e-300", -1.5e-300);
valueCase("number 1.7976931348623157e308", Number.MAX_VALUE);
valueCase("number 2^53-1", Number.MAX_SAFE_INTEGER);
valueCase("number -42", -42);
valueCase("array empty", []);
valueCase("object empty", {});
valueCase("object system fields", { _id: "k57abc", _creationTime: 1724300000000.123, body: "hi" });
valueCase("array of int64 extremes", [2n ** 63n - 1n, -(2n ** 63n), 0n, 1234567890123456789n]);
// The unresolved commit timestamp a mutation may return.
valueCase("commitTs placeholder", new CommitTsPlaceholder());
valueCase("commitTs placeholder in a document", { _id: "k1", ts: new CommitTsPlaceholder(), n: 1n });

// Inputs jsonToConvex accepts that are not what convexToJson writes.
decodeCase("decode url-safe base64", '{"$bytes":"AAEC_f7_"}');
decodeCase("decode underscore keys", '{"_id":"x","a":1}');
decodeCase("decode unsorted keys", '{"b":1,"a":2,"c":{"z":null,"y":[]}}');
decodeCase("decode backend number formatting", "[3.0,1e21,1E-7,2.5E+3,-0.0,0e0]");
decodeCase("decode whitespace", ' \n{ "a" :\t[ 1 , {"$integer" : "AQAAAAAAAAA=" } ] }\r\n');
decodeCase("decode escaped key and string", '{"\\u0061b":"\\u00e9\\ud83d\\ude00\\/\\"\\\\"}');
decodeCase("decode number overflow is Infinity", "[1e400,-1e400]");
// V8 keeps NaN payloads; so does the Go codec, except for the payload of Go's
// math.NaN(), which it writes as JavaScript's NaN.
decodeCase("decode NaN with payload", '{"$float":"AgAAAAAA+H8="}');
decodeCase("decode special float in object", '{"a":{"$float":"AAAAAAAA8P8="}}');

// Inputs jsonToConvex rejects.
decodeErrorCase("decode $integer of 9 bytes", '{"$integer":"////////////"}');
decodeErrorCase("decode $integer of 3 bytes", '{"$integer":"AAAA"}');
decodeErrorCase("decode $integer not a string", '{"$integer":1}');
decodeErrorCase("decode $float for +0", '{"$float":"AAAAAAAAAAA="}');
decodeErrorCase("decode $float for 1", '{"$float":"AAAAAAAA8D8="}');
decodeErrorCase("decode $float of 4 bytes", '{"$float":"AAAAAA=="}');
decodeErrorCase("decode $bytes unpadded", '{"$bytes":"AAE"}');
decodeErrorCase("decode $bytes not a string", '{"x":{"$bytes":5}}');
decodeErrorCase("decode unknown $ key", '{"$foo":1}');
decodeErrorCase("decode $undefined", '{"$undefined":null}');
decodeErrorCase("decode $integer with extra key", '{"$integer":"AAAAAAAAAAA=","extra":1}');
decodeErrorCase("decode $ key after another key", '{"a":1,"$integer":"AAAAAAAAAAA="}');
decodeErrorCase("decode $set", '{"$set":[]}');
decodeErrorCase("decode $map", '{"a":[{"$map":[]}]}');
decodeErrorCase("decode non-ASCII key", '{"é":1}');
decodeErrorCase("decode control character key", '{"a\\u0001":1}');
decodeErrorCase("decode nested $ key", '{"a":[{"b":{"$foo":1}}]}');
decodeErrorCase("decode key longer than 1024", `{"${"k".repeat(1025)}":1}`);
decodeErrorCase("decode $commitTs not null", '{"$commitTs":1}');
decodeErrorCase("decode $commitTs as base64", '{"$commitTs":"AAAAAAAAAAA="}');
decodeErrorCase("decode $commitTs with extra key", '{"$commitTs":null,"x":1}');

// Values convexToJson refuses.
encodeErrorCase("encode bigint 2^63", 2n ** 63n);
encodeErrorCase("encode non-ASCII key", { "é": 1 });
encodeErrorCase("encode $ key", { $x: 1 });
encodeErrorCase("encode control character key", { "a\u0001": 1 });
encodeErrorCase("encode key longer than 1024", { ["k".repeat(1025)]: 1 });
encodeErrorCase("encode nested bad key", { a: [{ ok: { "bad\u007f": 1 } }] });
encodeErrorCase("encode Uint8Array", new Uint8Array([1]));
encodeErrorCase("encode Date", new Date(0));
encodeErrorCase("encode Map", new Map());

// Random nested values from a fixed seed (mulberry32).
let seed = 0x5eed1234;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (n) => Math.floor(random() * n);

const stringAtoms = ["a", "Z", "0", " ", "_", "<", "&", '"', "\\", "\n", "\t", "\u0001", "\u007f", "é", "✓", "😀", "\u2028", "日本"];
const keyChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-~ .!#%";

function randomNumber() {
  switch (int(7)) {
    case 0: return int(2001) - 1000;
    case 1: return (random() - 0.5) * 1e6;
    case 2: return random() * 1e-8;
    case 3: return random() * 1e25;
    case 4: return pick([NaN, Infinity, -Infinity, -0, 0]);
    case 5: return Math.floor(random() * 2 ** 53) * pick([1, -1]);
    default: return random();
  }
}

function randomBigInt() {
  const hi = BigInt(Math.floor(random() * 2 ** 32));
  const lo = BigInt(Math.floor(random() * 2 ** 32));
  return BigInt.asIntN(64, (hi << 32n) | lo);
}

function randomKey() {
  if (random() < 0.15) return pick(["_id", "_creationTime", "", "a b"]);
  let k = "";
  for (let i = 0, n = 1 + int(8); i < n; i++) k += keyChars[int(keyChars.length)];
  return k;
}

function randomValue(depth) {
  const kinds = depth >= 4 ? 6 : 8;
  switch (int(kinds)) {
    case 0: return null;
    case 1: return random() < 0.5;
    case 2: return randomNumber();
    case 3: return randomBigInt();
    case 4: {
      let s = "";
      for (let i = 0, n = int(10); i < n; i++) s += pick(stringAtoms);
      return s;
    }
    case 5: return bytes(Array.from({ length: int(12) }, () => int(256)));
    case 6: return Array.from({ length: int(5) }, () => randomValue(depth + 1));
    default: {
      const o = {};
      for (let i = 0, n = int(6); i < n; i++) o[randomKey()] = randomValue(depth + 1);
      return o;
    }
  }
}

for (let i = 0; i < 48; i++) {
  // Containers at the top make for more interesting cases.
  let v = randomValue(0);
  while (v === null || typeof v !== "object" || v instanceof ArrayBuffer) v = randomValue(0);
  valueCase(`random ${String(i).padStart(2, "0")}`, v);
}

process.stdout.write(
  JSON.stringify({ generator: "tests/node/vectors.mjs", convex: convexVersion, cases }, null, 2) + "\n",
);
