import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The Chinese font embedded (as a subset) in every PDF the system writes.
 *
 * It must be a TrueType-outline (glyf) font: fontkit's CFF subsetter writes fonts that PDF
 * readers reject, so Debian's Noto CJK (.ttc with CFF outlines) does not work here.
 * Looked up in this order:
 *   1. MQA_PDF_FONT=/path/to/font.ttf[#PostScriptName] (the name picks a face of a .ttc);
 *   2. the npm package @expo-google-fonts/noto-sans-sc (Noto Sans SC, glyf outlines);
 *   3. Debian's fonts-wqy-microhei (scripts/ensure-system-deps.sh installs it).
 */
export interface CjkFontSource {
  path: string;
  /** Picks one face of a font collection (.ttc). */
  postscriptName?: string;
}

export class CjkFontMissingError extends Error {
  constructor(tried: string[]) {
    super(
      `未找到可嵌入 PDF 的中文字体（需 TrueType 轮廓）。请安装 npm 包 @expo-google-fonts/noto-sans-sc，` +
        `或执行 apt-get install fonts-wqy-microhei，或设置环境变量 MQA_PDF_FONT=字体文件路径。已尝试：${tried.join('；')}`,
    );
    this.name = 'CjkFontMissingError';
  }
}

const SYSTEM_FONTS: CjkFontSource[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
];

function packagedFont(): CjkFontSource | null {
  try {
    const require = createRequire(import.meta.url);
    return { path: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf') };
  } catch {
    return null;
  }
}

function fromEnvironment(): CjkFontSource | null {
  const value = process.env.MQA_PDF_FONT?.trim();
  if (!value) return null;
  const [path, postscriptName] = value.split('#');
  return { path, postscriptName: postscriptName || undefined };
}

/** Where a font is looked for, in order of preference. */
export function cjkFontCandidates(): CjkFontSource[] {
  return [fromEnvironment(), packagedFont(), ...SYSTEM_FONTS].filter((c): c is CjkFontSource => c !== null);
}

/** The first font source present on this machine; throws CjkFontMissingError when none is. */
export function findCjkFont(candidates: CjkFontSource[] = cjkFontCandidates()): CjkFontSource {
  const found = candidates.find((c) => existsSync(c.path));
  if (!found) throw new CjkFontMissingError(candidates.map((c) => c.path));
  return found;
}

interface LoadedFont {
  source: CjkFontSource;
  bytes: Uint8Array;
  postscriptName: string;
}
let cached: Promise<LoadedFont> | null = null;

async function loadFont(): Promise<LoadedFont> {
  const loading = (cached ??= (async () => {
    const source = findCjkFont();
    const buffer = await readFile(source.path);
    const postscriptName = fontkit.create(buffer, source.postscriptName).postscriptName ?? 'CJKFont';
    return { source, bytes: new Uint8Array(buffer), postscriptName };
  })());
  try {
    return await loading;
  } catch (error) {
    cached = null; // a font installed later is picked up on the next call
    throw error;
  }
}

type FontkitFont = ReturnType<typeof fontkit.create>;
interface GlyfSubset {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * fontkit's TrueType subsetter does not pad glyph records to an even length, so with the short
 * `loca` format (offsets stored halved) every glyph after an odd-length one is read from the
 * wrong place and renders blank. Padding each record with one zero byte fixes it.
 */
function withEvenGlyphRecords(font: FontkitFont): FontkitFont {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as unknown as GlyfSubset;
    const addGlyph = subset._addGlyph.bind(subset);
    subset._addGlyph = (gid: number) => {
      const index = addGlyph(gid);
      const record = subset.glyf[index];
      if (record.length % 2 === 1) {
        // Same buffer class as fontkit's own (a bundled Buffer polyfill), or its encoder refuses it.
        const padded = (record.constructor as unknown as { alloc(n: number): Uint8Array }).alloc(record.length + 1);
        padded.set(record, 0);
        subset.glyf[index] = padded;
        subset.offset += 1;
      }
      return index;
    };
    return subset as unknown as ReturnType<FontkitFont['createSubset']>;
  };
  return font;
}

/** A PDF subset tag (six capital letters), so readers and checkers see the font is a subset. */
function subsetTag(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

/** Embeds the Chinese font into the document as a subset of the glyphs drawn with it. */
export async function embedCjkFont(doc: PDFDocument): Promise<PDFFont> {
  const { source, bytes, postscriptName } = await loadFont();
  doc.registerFontkit({ create: (buffer: Uint8Array) => withEvenGlyphRecords(fontkit.create(buffer as Buffer, source.postscriptName)) });
  return doc.embedFont(bytes, { subset: true, customName: `${subsetTag()}+${postscriptName}` });
}
