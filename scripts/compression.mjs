// The two encodings the release ships beside its files (scripts/precompress.mjs) and the benchmark
// measures (bench/first-load.mjs): gzip level 9 and brotli quality 11. One definition, so that the
// shipped .gz and .br files are exactly the bytes the size budget counts.
import zlib from 'node:zlib';

/** Like `gzip -9 -n`: node writes no file name and a zero mtime, so the output is deterministic. */
export function gzip(bytes) {
  return zlib.gzipSync(bytes, { level: 9 });
}

export function brotli(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}
