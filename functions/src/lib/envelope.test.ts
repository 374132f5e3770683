import { randomBytes } from 'node:crypto';
import { openField, sealField } from './envelope';

describe('envelope encryption of personal fields', () => {
  const master = randomBytes(32);
  const id = '11010119900307002X';

  it('round-trips, and the sealed form holds neither the value nor its key', () => {
    const sealed = sealField(id, master, 'idNumber:demo:u1');
    expect(openField(sealed, master, 'idNumber:demo:u1')).toBe(id);
    expect(JSON.stringify(sealed)).not.toContain(id);
    expect(sealField(id, master, 'idNumber:demo:u1').ciphertext).not.toBe(sealed.ciphertext);
  });

  it('does not open with another master key or for another person', () => {
    const sealed = sealField(id, master, 'idNumber:demo:u1');
    expect(() => openField(sealed, randomBytes(32), 'idNumber:demo:u1')).toThrow();
    expect(() => openField(sealed, master, 'idNumber:demo:u2')).toThrow();
  });
});
