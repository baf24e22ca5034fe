/**
 * The native UTF-16 decoder, the fastest way from code units to a (flat) string. It keeps a
 * leading U+FEFF (`ignoreBOM`) and turns a lone surrogate into U+FFFD, one unit for one, so
 * indices into the string stay those of the units.
 */
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** A string from the first `count` code units of `units`. */
export function fromCodeUnits(units: Uint16Array, count: number): string {
  return UTF16.decode(units.subarray(0, count));
}
