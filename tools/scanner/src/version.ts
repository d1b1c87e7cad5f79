/** Scanner version reported in JSON, SARIF and to the server; kept in step with tools/scanner/package.json. */
export const SCANNER_VERSION = '0.1.0';
