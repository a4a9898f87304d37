import { EventEmitter } from 'node:events';
import { createLogger } from '../../server/logger';
import { exitCodes, exitOnSignals, ShutdownHooks, stopAll } from '../../server/shutdown';

const logger = createLogger('silent');
const never = () => new Promise<void>(() => undefined);

describe('When the process stops with hooks registered', () => {
  it('then every hook runs once, a hung hook is given up after its bound, and an unregistered one does not run', async () => {
    const hooks = new ShutdownHooks();
    const ran: string[] = [];
    hooks.onShutdown('scheduler', () => {
      ran.push('scheduler');
    });
    hooks.onShutdown('runs', async () => {
      ran.push('runs');
    });
    hooks.onShutdown('hung', never);
    const off = hooks.onShutdown('removed', () => {
      ran.push('removed');
    });
    off();
    const failed = await hooks.run(50, logger);
    expect(ran.sort()).toEqual(['runs', 'scheduler']);
    expect(failed).toEqual(['hung']);
    expect(await hooks.run(50, logger)).toEqual([]);
  });

  it('then a database that never closes makes the stop forced, not endless', async () => {
    const hooks = new ShutdownHooks();
    expect(await stopAll({ hooks, database: { close: never }, logger, deadlineMs: 100 })).toBe('forced');
    expect(await stopAll({ hooks, database: { close: async () => undefined }, logger, deadlineMs: 100 })).toBe('clean');
  });
});

describe('When SIGTERM arrives', () => {
  it('then a clean stop exits 0, and a stop that hangs past the deadline exits with the forced code', async () => {
    const clean = new EventEmitter();
    const cleanExit = new Promise<number>((resolve) => exitOnSignals({ stop: async () => 'clean', logger, deadlineMs: 1_000, exit: resolve, target: clean }));
    clean.emit('SIGTERM');
    expect(await cleanExit).toBe(exitCodes.stopped);

    const hung = new EventEmitter();
    const hungExit = new Promise<number>((resolve) => exitOnSignals({ stop: () => never().then(() => 'clean' as const), logger, deadlineMs: 50, exit: resolve, target: hung }));
    hung.emit('SIGTERM');
    expect(await hungExit).toBe(exitCodes.forced);
  });

  it('then a second signal exits at once', async () => {
    const target = new EventEmitter();
    const codes: number[] = [];
    exitOnSignals({ stop: () => never().then(() => 'clean' as const), logger, deadlineMs: 60_000, exit: (code) => codes.push(code), target });
    target.emit('SIGTERM');
    target.emit('SIGINT');
    expect(codes).toEqual([exitCodes.forced]);
  });
});
