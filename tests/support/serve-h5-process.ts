import { serveH5 } from '../../scripts/local/serve-h5';

/**
 * The H5 server on its own, as `npm start` runs it (a crash ends this process, not the test's):
 * `tsx tests/support/serve-h5-process.ts <port> <root> <apiUrl>`; prints `listening` when ready.
 */
const [port = '0', root = '.', apiUrl = 'http://127.0.0.1:9'] = process.argv.slice(2);
void serveH5({ port: Number(port), root, apiUrl }).then(() => console.log('listening'));
