import { once } from 'node:events';
import { createServer } from 'node:http';
import { formatTable, median, middleHalf, quantile, runLoad } from './load';

describe('runLoad', () => {
  it('measures a real loopback server and counts non-2xx answers', async () => {
    let hits = 0;
    const server = createServer((req, res) => {
      hits++;
      res.statusCode = req.url === '/fail' ? 500 : 200;
      res.end('ok');
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    try {
      const ok = await runLoad({ label: 'ok', url: `http://127.0.0.1:${port}/`, durationSeconds: 1, connections: 2 });
      expect(ok.requestsPerSecond).toBeGreaterThan(0);
      expect(ok.non2xx).toBe(0);
      const failing = await runLoad({ label: 'fail', url: `http://127.0.0.1:${port}/fail`, durationSeconds: 1, connections: 2 });
      expect(failing.non2xx).toBeGreaterThan(0);
      expect(hits).toBeGreaterThan(ok.requestsPerSecond);
    } finally {
      server.close();
    }
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([0.9, 0.5, 1.2])).toBe(0.9);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.75)).toBe(17.5);
    expect(middleHalf([1, 2, 3, 4, 5])).toBe('2.00–4.00');
  });
});

describe('formatTable', () => {
  it('pads columns to the widest cell', () => {
    expect(formatTable([['a', 'bb'], ['ccc', 'd']])).toBe('| a   | bb |\n|-----|----|\n| ccc | d  |');
  });
});
