import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../server/db/client';
import { DataDirBusyError } from '../../../server/db/data-lock';
import { preparedDataDir } from '../../db-template';

describe('When a second process opens the same embedded database', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await preparedDataDir('pn-lock-');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('then it is refused with a message naming the holder, and admitted once the first closes', async () => {
    const first = await openDatabase({ dataDir: dir });
    // Another process's lock: this test's own pid stands in for it by writing a live pid that is not ours.
    fs.writeFileSync(path.join(dir, 'partnering.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirBusyError);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`in use by process ${process.ppid}`);
    fs.writeFileSync(path.join(dir, 'partnering.lock'), String(process.pid));
    await first.close();
    expect(fs.existsSync(path.join(dir, 'partnering.lock'))).toBe(false);
    const second = await openDatabase({ dataDir: dir });
    await second.close();
  });

  it('then a lock left by a process that died is taken over', async () => {
    fs.writeFileSync(path.join(dir, 'partnering.lock'), '2147483646');
    const db = await openDatabase({ dataDir: dir });
    expect(fs.readFileSync(path.join(dir, 'partnering.lock'), 'utf8')).toBe(String(process.pid));
    await db.close();
  });
});
