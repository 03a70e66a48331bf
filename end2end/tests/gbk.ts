// The few Chinese characters the roster tests use, encoded as GBK the way Excel in China
// saves CSV. Node has a GBK decoder (TextDecoder) but no encoder: build the table by
// decoding every two-byte GBK code once.
const table = new Map<string, number[]>();
const decoder = new TextDecoder("gbk");
for (let hi = 0x81; hi <= 0xfe; hi++) {
  for (let lo = 0x40; lo <= 0xfe; lo++) {
    if (lo === 0x7f) continue;
    const ch = decoder.decode(new Uint8Array([hi, lo]));
    if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [hi, lo]);
  }
}

export default function gbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}
