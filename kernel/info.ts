import { PROTOCOL_VERSION } from './wire';
import { versions } from './versions';

/** The content of `kernel_info_reply`. */
export function kernelInfo(): object {
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'clusterlab',
    implementation_version: versions.clusterlab,
    language_info: {
      name: 'typescript',
      version: versions.typescript,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      codemirror_mode: { name: 'javascript', typescript: true },
      pygments_lexer: 'typescript',
    },
    banner:
      `clusterlab ${versions.clusterlab}: TypeScript ${versions.typescript} on Node.js ${versions.node} (tslab ${versions.tslab}).\n` +
      'Preloaded: the clusterlab model API, dfd (danfojs), display, show, input, comms.',
    help_links: [
      { text: 'clusterlab', url: 'https://github.com/clusterlab/clusterlab#readme' },
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/intro.html' },
      { text: 'Node.js API', url: `https://nodejs.org/docs/v${versions.node}/api/` },
      { text: 'danfojs', url: 'https://danfo.jsdata.org/' },
    ],
    debugger: false,
  };
}
