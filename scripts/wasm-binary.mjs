// The few pieces of the wasm binary format the build's scripts rewrite: LEB128 numbers, names, and
// the module's sections (an id, a size, the content), read and written back.

/** The unsigned LEB128 number at `at` in `bytes`, and where the bytes after it start. */
export function readUnsigned(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** `value` as an unsigned LEB128 number. */
export function unsigned(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

/** A name (or any string) as wasm writes it: its UTF-8 length, then its bytes. */
export const name = (text) => Buffer.concat([unsigned(Buffer.byteLength(text)), Buffer.from(text, 'utf8')]);

/** The name at `at`, and where the bytes after it start. */
export function readName(bytes, at) {
  const [length, start] = readUnsigned(bytes, at);
  return [bytes.toString('utf8', start, start + length), start + length];
}

/** A section with `id` and `content`. */
export const section = (id, content) => Buffer.concat([Buffer.from([id]), unsigned(content.length), content]);

/** Each section of a module: its id, where its content starts and ends, and all its bytes. */
export function sections(bytes) {
  if (bytes.readUInt32BE(0) !== 0x0061736d) throw new Error('not a wasm module');
  const found = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, contentStart] = readUnsigned(bytes, at + 1);
    const end = contentStart + size;
    found.push({ id, contentStart, end, bytes: bytes.subarray(at, end) });
    at = end;
  }
  return found;
}

/** The module with each section passed through `rewrite` (which returns its new bytes). */
export function rewriteSections(bytes, rewrite) {
  return Buffer.concat([bytes.subarray(0, 8), ...sections(bytes).map((each) => rewrite(each) ?? each.bytes)]);
}
