import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ICON = path.resolve(__dirname, '../../../build/icon.png');

/** The IHDR fields and the first pixel of a PNG (the first pixel is the same under every filter). */
function readPng(file: string) {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    chunks.push({
      type: buf.toString('latin1', at + 4, at + 8),
      data: buf.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  const ihdr = chunks.find((c) => c.type === 'IHDR')!.data;
  const pixels = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8],
    colorType: ihdr[9],
    interlace: ihdr[12],
    firstPixel: [...pixels.subarray(1, 5)],
  };
}

describe('the app icon electron-builder converts for every platform', () => {
  it('is a 1024 px square RGBA PNG whose corners are transparent (macOS draws its own shape)', () => {
    const png = readPng(ICON);
    expect(png).toMatchObject({ width: 1024, height: 1024, bitDepth: 8, colorType: 6, interlace: 0 });
    expect(png.firstPixel[3]).toBe(0);
  });

  it('is rendered from the SVG master that is kept beside it', () => {
    const svg = fs.readFileSync(path.join(path.dirname(ICON), 'icon.svg'), 'utf8');
    expect(svg).toMatch(/<svg[^>]+width="1024" height="1024"/);
  });
});
