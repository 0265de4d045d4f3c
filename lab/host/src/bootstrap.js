// Entry point of the app page. It must not import any shared package: module federation
// first has to collect the shared modules offered by every federated extension (ours included),
// and only then may the application code that uses them be loaded.

function pageConfig() {
  const el = document.getElementById('jupyter-config-data');
  return el ? JSON.parse(el.textContent || '{}') : {};
}

const config = pageConfig();

// Chunks and assets are served from the server's static URL, known only at run time.
// eslint-disable-next-line no-undef
__webpack_public_path__ = (config.fullStaticUrl || '') + '/';

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onload = resolve;
    script.onerror = () => reject(new Error(`could not load ${url}`));
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

// A prebuilt labextension's remoteEntry registers a container under window._JUPYTERLAB[name];
// initialising it with our share scope lets it both use and offer shared packages.
async function initFederatedContainer(extension) {
  await loadScript(`${config.fullLabextensionsUrl}/${extension.name}/${extension.load}`);
  // eslint-disable-next-line no-undef
  await __webpack_init_sharing__('default');
  // eslint-disable-next-line no-undef
  await window._JUPYTERLAB[extension.name].init(__webpack_share_scopes__.default);
}

async function bootstrap() {
  const federated = config.federated_extensions || [];
  const results = await Promise.allSettled(federated.map(initFederatedContainer));
  for (const result of results) {
    if (result.status === 'rejected') console.error(result.reason);
  }
  const { main } = await import('./app.js');
  await main(federated);
}

window.addEventListener('load', () => {
  bootstrap().catch((error) => console.error(error));
});
