import fc from 'fast-check';

/**
 * Hostile variants of a valid multipart upload: traversal and control characters in the file
 * name, raw non-UTF-8 bytes, a wrong field, hostile extra fields, a cut-off body, no boundary.
 */
const FILE_NAMES = [
  '../../../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow', 'a/../../b.pdf', '%2e%2e%2fx.pdf', 'x.pdf\u0000.exe',
  '\u202Efdp.exe', 'CON.pdf', '.', '..', '', ' ', `${'长'.repeat(600)}.pdf`, '<img src=x onerror=window.__xss=1>.pdf', "'; DROP TABLE files; --.pdf", 'a\u0007.pdf', '\uD800.pdf',
];

export type MultipartMutation =
  | { kind: 'filename'; name: string }
  | { kind: 'rawFilename'; bytes: number[] }
  | { kind: 'field'; name: string }
  | { kind: 'extraField'; name: string; value: string }
  | { kind: 'cut'; fraction: number }
  | { kind: 'noBoundary' }
  | { kind: 'json' };

export const multipartMutationArb: fc.Arbitrary<MultipartMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FILE_NAMES).map((name) => ({ kind: 'filename' as const, name })) },
  fc.constantFrom('ff fe', 'c0 af', 'ed a0 80', '80').map((hex) => ({ kind: 'rawFilename' as const, bytes: hex.split(' ').map((b) => parseInt(b, 16)) })),
  fc.constantFrom('files', '', 'file\u0000', '../file').map((name) => ({ kind: 'field' as const, name })),
  fc.record({ kind: fc.constant('extraField' as const), name: fc.constantFrom('note', 'purpose', '\u0000'), value: fc.constantFrom('a\u0000b', '\uD800', 'x'.repeat(2000), '<script>window.__xss=1</script>') }),
  fc.record({ kind: fc.constant('cut' as const), fraction: fc.constantFrom(0.1, 0.5, 0.9) }),
  fc.constant({ kind: 'noBoundary' as const }),
  fc.constant({ kind: 'json' as const }),
);

export function mutateMultipart(valid: { body: Buffer; contentType: string }, m: MultipartMutation): { payload: Buffer; contentType: string } {
  const boundary = /boundary=(.+)$/.exec(valid.contentType)![1];
  const text = valid.body.toString('latin1');
  const withName = (bytes: Buffer) => {
    const at = text.indexOf('filename="') + 'filename="'.length;
    const end = text.indexOf('"', at);
    return Buffer.concat([valid.body.subarray(0, at), bytes, valid.body.subarray(end)]);
  };
  switch (m.kind) {
    case 'filename':
      return { payload: withName(Buffer.from(m.name, 'utf8')), contentType: valid.contentType };
    case 'rawFilename':
      return { payload: withName(Buffer.concat([Buffer.from('x'), Buffer.from(m.bytes), Buffer.from('.pdf')])), contentType: valid.contentType };
    case 'field':
      return { payload: Buffer.from(text.replace(/name="[^"]*"; filename/, `name="${m.name}"; filename`), 'latin1'), contentType: valid.contentType };
    case 'extraField': {
      const part = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${m.name}"\r\n\r\n${m.value}\r\n`, 'utf8');
      return { payload: Buffer.concat([part, valid.body]), contentType: valid.contentType };
    }
    case 'cut':
      return { payload: valid.body.subarray(0, Math.floor(valid.body.length * m.fraction)), contentType: valid.contentType };
    case 'noBoundary':
      return { payload: valid.body, contentType: 'multipart/form-data' };
    case 'json':
      return { payload: Buffer.from('{"file":"../../etc/passwd"}'), contentType: 'application/json' };
  }
}
