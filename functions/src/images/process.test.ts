import { makeThumbnail, imageDimensions, sniffImageType } from './process';
import { samplePhoto } from '../../../tests/support/photos';

describe('photos as bytes', () => {
  it.each(['image/jpeg', 'image/png', 'image/webp'] as const)('reads, sizes and thumbnails a %s', async (type) => {
    const bytes = await samplePhoto(type, 1200, 800);
    expect(sniffImageType(bytes)).toBe(type);
    expect(imageDimensions(bytes)).toEqual({ width: 1200, height: 800 });
    const { thumbnail, width, height } = await makeThumbnail(bytes, type, 360);
    expect([width, height]).toEqual([1200, 800]);
    expect(sniffImageType(thumbnail)).toBe('image/jpeg');
    expect(imageDimensions(thumbnail)).toEqual({ width: 360, height: 240 });
  });

  it('never enlarges a small photo', async () => {
    const { thumbnail } = await makeThumbnail(await samplePhoto('image/png', 100, 50), 'image/png', 360);
    expect(imageDimensions(thumbnail)).toEqual({ width: 100, height: 50 });
  });

  it('knows nothing else: GIF, SVG, text, a truncated header', () => {
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(imageDimensions(Buffer.from('not an image'))).toBe('unreadable');
  });

  it('refuses a decompression bomb by its header, before decoding', () => {
    // A PNG header claiming 20000 × 20000 pixels.
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'latin1');
    header.writeUInt32BE(20000, 16);
    header.writeUInt32BE(20000, 20);
    header[24] = 8;
    header[25] = 6;
    expect(imageDimensions(header)).toBe('too_many_pixels');
  });

  it('throws on bytes that claim a type but do not decode', async () => {
    const jpeg = await samplePhoto('image/jpeg', 200, 200);
    await expect(makeThumbnail(jpeg.subarray(0, 200), 'image/jpeg', 360)).rejects.toThrow();
  });
});

describe('a JPEG that costs too much to decode', () => {
  it('is refused by its header when it has more scans than any camera writes', async () => {
    const jpeg = await samplePhoto('image/jpeg', 64, 64);
    // Thousands of (empty) scans spliced in before the end marker: the shape of the outsider's 400 KB bomb.
    const scan = Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
    const bomb = Buffer.concat([jpeg.subarray(0, -2), ...Array.from({ length: 5000 }, () => scan), jpeg.subarray(-2)]);
    expect(imageDimensions(bomb)).toBe('unreadable');
    expect(imageDimensions(jpeg)).toEqual({ width: 64, height: 64 });
  });
});
