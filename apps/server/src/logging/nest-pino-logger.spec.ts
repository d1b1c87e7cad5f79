import { createLogger } from './create-logger';
import { NestPinoLogger } from './nest-pino-logger';

function capture(level: 'info' | 'debug') {
  const lines: Record<string, unknown>[] = [];
  const pino = createLogger({ level, format: 'json', sessionCookieName: 'JSESSIONID' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { nest: new NestPinoLogger(pino), lines };
}

describe('NestPinoLogger', () => {
  it("writes Nest's start-up lines at debug and the app's own lines at their level, with the context", () => {
    const { nest, lines } = capture('info');
    nest.log('Mapped {/rest/api/2/myself, GET} route', 'RouterExplorer');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Connected', 'PrismaService');
    nest.warn('Slow', 'UsageRecorder');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'PrismaService', msg: 'Connected' }),
      expect.objectContaining({ level: 'warn', context: 'UsageRecorder', msg: 'Slow' }),
    ]);
  });

  it('shows the start-up lines at debug, verbose as trace level names', () => {
    const { nest, lines } = capture('debug');
    nest.log('Mapped {/x, GET} route', 'RouterExplorer');
    nest.verbose('hidden at debug', 'X');
    expect(lines).toEqual([expect.objectContaining({ level: 'debug', context: 'RouterExplorer' })]);
  });

  it('keeps an error’s stack, given as Nest passes it (message, stack, context)', () => {
    const { nest, lines } = capture('info');
    nest.error('errorId=1 Error: boom', 'Error: boom\n    at x', 'Errors');
    nest.error('no stack', undefined, 'Errors');
    expect(lines[0]).toMatchObject({ level: 'error', context: 'Errors', stack: 'Error: boom\n    at x' });
    expect(lines[1]).toMatchObject({ level: 'error', context: 'Errors', msg: 'no stack' });
    expect(lines[1]).not.toHaveProperty('stack');
  });
});
