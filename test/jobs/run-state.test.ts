import { endStatus, type Counts } from '../../jobs/run-state';

const counts = (c: Partial<Counts>): Counts => ({ fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0, ...c });

describe('When a run gets to its end', () => {
  it('then one formula judges it for every connector: a batch of only rejected records fails, as a changes feed and a listing alike', () => {
    // Listings (json, csv, html, atom) and changes feeds (pnx) both end through endStatus: it does not know the connector.
    expect(endStatus({ complete: true, counts: counts({ fetched: 3, rejected: 3 }) })).toBe('failed');
    expect(endStatus({ complete: true, counts: counts({ fetched: 3, created: 1, rejected: 2 }) })).toBe('partial');
    expect(endStatus({ complete: true, counts: counts({ fetched: 3, created: 1, updated: 1, unchanged: 1 }) })).toBe('succeeded');
    // Nothing new (not modified, an empty page) is a success.
    expect(endStatus({ complete: true, counts: counts({}) })).toBe('succeeded');
  });

  it('then a run that stopped part-way is partial with what it imported, and failed without', () => {
    expect(endStatus({ complete: false, counts: counts({ fetched: 2, unchanged: 2 }) })).toBe('partial');
    expect(endStatus({ complete: false, counts: counts({}) })).toBe('failed');
  });
});
