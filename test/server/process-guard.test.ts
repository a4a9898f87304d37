import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { isDatabaseDown } from '../../server/error-handler';
import { installProcessGuard } from '../../server/process-guard';

/** A guard on a stand-in for `process`, with the log lines it writes and the fatal errors it reports. */
function guarded() {
  const target = new EventEmitter();
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  const fatal: unknown[] = [];
  const remove = installProcessGuard({ logger: pino({ level: 'info' }, sink), onFatal: (err) => fatal.push(err), target });
  return { target, lines, fatal, remove };
}

const connectionReset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('When a database fault escapes every handler', () => {
  it('then an uncaught connection error is logged and the process stays up', () => {
    const g = guarded();
    g.target.emit('uncaughtException', new Error('Connection terminated unexpectedly'));
    g.target.emit('uncaughtException', connectionReset());
    g.target.emit('uncaughtException', new Error('Query read timeout'));
    expect(g.fatal).toEqual([]);
    expect(g.lines).toHaveLength(3);
    expect(g.lines.every((l) => l.level === 40)).toBe(true);
  });

  it('then an unhandled rejection, a database fault or not, is logged and the process stays up', () => {
    const g = guarded();
    g.target.emit('unhandledRejection', connectionReset());
    g.target.emit('unhandledRejection', new TypeError('x is undefined'));
    expect(g.fatal).toEqual([]);
    expect(g.lines.map((l) => l.level)).toEqual([40, 50]);
  });
});

describe('When an unknown exception escapes every handler', () => {
  it('then it is logged as fatal and the process is told to stop; removing the guard stops listening', () => {
    const g = guarded();
    const bug = new TypeError('cannot read properties of undefined');
    g.target.emit('uncaughtException', bug);
    expect(g.fatal).toEqual([bug]);
    expect(g.lines.map((l) => l.level)).toEqual([60]);
    g.remove();
    expect(g.target.listenerCount('uncaughtException')).toBe(0);
    expect(g.target.listenerCount('unhandledRejection')).toBe(0);
  });
});

describe('When an error is told apart as a database fault', () => {
  it.each([
    ['a refused connection to every address of a name', new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], '')],
    ['an unreachable host', Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' })],
    ['a statement cancelled by statement_timeout', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['a wait for a free connection that timed out', new Error('timeout exceeded when trying to connect')],
    ['a query wrapped by the ORM', new Error('Failed query: select 1', { cause: new Error('Query read timeout') })],
  ])('then %s is one (503, the process stays up)', (_what, err) => {
    expect(isDatabaseDown(err)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['a programming error', new TypeError('cannot read properties of undefined')],
  ])('then %s is not', (_what, err) => {
    expect(isDatabaseDown(err)).toBe(false);
  });
});
