#!/usr/bin/env node
/**
 * Regenerates the add-in icons assets/icon-{16,32,64,80}.png: three rising bars and a
 * five-pointed star in Office blue (#0F6CBD) on a transparent background.
 *
 *   node scripts/make-icons.mjs
 *
 * No dependencies: the shapes are rasterised with 8×8 supersampling (anti-aliased
 * edges) and written as 8-bit RGBA PNGs with node:zlib. Output is deterministic.
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 64, 80];
const BLUE = [0x0f, 0x6c, 0xbd];
const SUPERSAMPLE = 8;
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

// ---- the drawing, in unit coordinates (0..1, y down) ----------------------------------

/** Bars: [left, top, right, bottom]. Common baseline at y = 0.92. */
const BARS = [
  [0.1, 0.64, 0.3, 0.92],
  [0.4, 0.46, 0.6, 0.92],
  [0.7, 0.26, 0.9, 0.92],
];

/** A five-pointed star centred at (cx, cy), outer radius r, point up. */
function starPolygon(cx, cy, r) {
  const inner = r * 0.45;
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return pts;
}
const STAR = starPolygon(0.24, 0.25, 0.2);

function insidePolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function covered(x, y) {
  for (const [l, t, r, b] of BARS) if (x >= l && x < r && y >= t && y < b) return true;
  return insidePolygon(x, y, STAR);
}

/** RGBA pixels, row-major, size × size. */
function render(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let pxX = 0; pxX < size; pxX++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (covered((pxX + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
        }
      }
      const o = (py * size + pxX) * 4;
      px[o] = BLUE[0];
      px[o + 1] = BLUE[1];
      px[o + 2] = BLUE[2];
      px[o + 3] = Math.round((255 * hits) / (n * n));
    }
  }
  return px;
}

// ---- a minimal PNG encoder ------------------------------------------------------------

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = join(outDir, `icon-${size}.png`);
  const png = encodePng(size, size, render(size));
  writeFileSync(file, png);
  console.log(`wrote ${file} (${size}×${size}, ${png.length} bytes)`);
}
