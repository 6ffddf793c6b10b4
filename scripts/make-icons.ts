// Draws the PWA icons (web/public) without image libraries: an orange tile with a white speech bubble and three
// dots. Run once after changing the design: `bun scripts/make-icons.ts`.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const ACCENT = [194, 65, 12];
const WHITE = [255, 255, 255];

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** `safe` shrinks the drawing into the maskable safe zone (the inner 80 %). */
function pixel(x: number, y: number, size: number, safe: number): number[] {
  const u = (x / size - 0.5) / safe + 0.5;
  const v = (y / size - 0.5) / safe + 0.5;
  const inBubble = Math.abs(u - 0.5) < 0.3 && Math.abs(v - 0.46) < 0.21 && (Math.abs(u - 0.5) < 0.2 || Math.abs(v - 0.46) < 0.11 || (Math.abs(u - 0.5) - 0.2) ** 2 + (Math.abs(v - 0.46) - 0.11) ** 2 < 0.01);
  const inTail = v > 0.6 && v < 0.78 && u > 0.3 && u < 0.3 + (0.78 - v) * 1.1;
  const isDot = [0.37, 0.5, 0.63].some((cx) => (u - cx) ** 2 + (v - 0.46) ** 2 < 0.0028);
  if (isDot) return ACCENT;
  return inBubble || inTail ? WHITE : ACCENT;
}

function png(size: number, safe: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) Buffer.from(pixel(x + 0.5, y + 0.5, size, safe)).copy(row, 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

const out = new URL("../web/public/", import.meta.url).pathname;
writeFileSync(`${out}icons/icon-192.png`, png(192, 1));
writeFileSync(`${out}icons/icon-512.png`, png(512, 1));
writeFileSync(`${out}icons/maskable-512.png`, png(512, 0.8));
writeFileSync(`${out}apple-touch-icon.png`, png(180, 0.9));
