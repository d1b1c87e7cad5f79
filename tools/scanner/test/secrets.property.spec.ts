import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeBaseline } from '../src/baseline';
import { formatJson } from '../src/format/json';
import { formatMarkdown } from '../src/format/markdown';
import { formatSarif } from '../src/format/sarif';
import { formatTable } from '../src/format/table';
import { buildReport, postReport } from '../src/report-to';
import { scanDirectory } from '../src/scan';
import { leakedForms, SECRET_SHAPES } from './secret-shapes';

/**
 * Property: whatever the password, planted in any shape and language the scanner reports, no output holds it:
 * the table, JSON, SARIF and markdown reports, the baseline file, and the body `--report-to` sends (captured by a
 * real HTTP server). Secrets are random printable strings without quotes, backslashes or interpolation marks
 * (`$`, `#`, `{`, `@`), which would end or change the literal they are planted in.
 */
const SECRET = fc
  .stringMatching(/^[A-Za-z0-9!%*+,.:;?^_~=-]{8,24}$/)
  // Eight letters and digits at least (the cookie-value form keeps only those), one of them no hex digit: a
  // shorter or all-hex string could turn up by chance inside a fingerprint (hex) or the template itself.
  .filter((secret) => secret.replace(/[^A-Za-z0-9]/g, '').length >= 8 && /[G-Zg-z]/.test(secret) && /\d/.test(secret));

jest.setTimeout(240_000);

describe('secrets never leak', () => {
  let server: Server;
  let url: string;
  let bodies: string[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 'run-1', findingCount: 0 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('in no report format, baseline or report-to body, for random secrets in every shape', async () => {
    await fc.assert(
      fc.asyncProperty(SECRET, async (secret) => {
        const root = mkdtempSync(join(tmpdir(), 'tokenshift-secrets-'));
        try {
          for (const shape of SECRET_SHAPES) {
            mkdirSync(dirname(join(root, shape.file)), { recursive: true });
            writeFileSync(join(root, shape.file), shape.source(secret));
          }
          const result = await scanDirectory({ root, jobs: 0 });
          // Not vacuous: the line holding the secret is reported in every shape, so its evidence is in the outputs.
          const unreported = SECRET_SHAPES.filter((shape) => {
            const lines = shape.source(secret).split('\n').flatMap((text, index) => (leakedForms(secret).some((form) => text.includes(form)) ? [index + 1] : []));
            return !result.findings.some((finding) => finding.file === shape.file && lines.includes(finding.line));
          });
          expect(unreported.map((shape) => shape.name)).toEqual([]);

          const baselineFile = join(root, 'baseline.json');
          await writeBaseline(baselineFile, result.findings);
          bodies = [];
          await postReport(url, 'tsk_x', buildReport({ repo: 'planted', filesScanned: result.filesScanned, findings: result.findings }));
          const outputs = {
            table: formatTable(result),
            json: formatJson(result),
            sarif: formatSarif(result),
            markdown: formatMarkdown(result, 'planted'),
            baseline: readFileSync(baselineFile, 'utf8'),
            'report-to body': bodies.join('\n'),
          };
          for (const [output, text] of Object.entries(outputs)) {
            const leaks = text.split('\n').filter((line) => leakedForms(secret).some((form) => line.includes(form)));
            expect({ output, leaks }).toEqual({ output, leaks: [] });
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 15 },
    );
  });
});
