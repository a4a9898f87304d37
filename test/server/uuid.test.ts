import { isUuid } from '../../server/uuid';

describe('isUuid', () => {
  it('when an id is a UUID in any case, or the nil UUID the CLI writes under, then it passes', () => {
    expect(isUuid('0b4f3c5e-8d2a-4e1f-9c3b-7a6d5e4f3c2b')).toBe(true);
    expect(isUuid('0B4F3C5E-8D2A-4E1F-9C3B-7A6D5E4F3C2B')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('when an id is anything else, then it is refused before it reaches a query', () => {
    for (const bad of ['', 'new', '0b4f3c5e8d2a4e1f9c3b7a6d5e4f3c2b', '0b4f3c5e-8d2a-4e1f-9c3b-7a6d5e4f3c2', ' 0b4f3c5e-8d2a-4e1f-9c3b-7a6d5e4f3c2b', "0b4f3c5e-8d2a-4e1f-9c3b-7a6d5e4f3c2b'--"]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});
