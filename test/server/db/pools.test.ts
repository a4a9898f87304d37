import { sql } from 'drizzle-orm';
import { testApp } from '../../support';

type Setting = { statement_timeout: string };
const statementTimeout = sql`select current_setting('statement_timeout') as statement_timeout`;

describe('When requests and background jobs use the database', () => {
  it('then jobs get their own pool with the longer statement timeout, and requests keep the short one', async () => {
    const t = await testApp({ DATABASE_STATEMENT_TIMEOUT_MS: '4000', DATABASE_QUERY_TIMEOUT_MS: '5000', DATABASE_JOB_STATEMENT_TIMEOUT_MS: '90000' });
    try {
      const { database } = t.ctx;
      if (database.kind === 'embedded') {
        // One process, one embedded database: there is no network to time out and no pool to starve.
        expect(database.background.db).toBe(database.db);
        return;
      }
      expect(database.background.pool).toBeDefined();
      expect(database.background.pool).not.toBe(database.pool);
      expect(await database.rows<Setting>(statementTimeout)).toEqual([{ statement_timeout: '4s' }]);
      expect(await database.background.rows<Setting>(statementTimeout)).toEqual([{ statement_timeout: '90s' }]);
    } finally {
      await t.close();
    }
  });
});
