// Starts JupyterLab with the core plugins listed by @jupyterlab/core-meta (bundled into this
// host) plus the plugins of the federated extensions found in the Jupyter data directories.
import { PageConfig, JupyterPluginRegistry } from '@jupyterlab/coreutils';
import { JupyterLab } from '@jupyterlab/application';
import { IConnectionStatus, IServiceManager } from '@jupyterlab/services';
import { coreExtensions, coreMimeExtensions } from '../build/generated/core-extensions.js';
import '../build/generated/core-styles.js';
import anywidgetPlugin from './anywidget.js';

async function federatedModule(scope, modulePath) {
  const factory = await window._JUPYTERLAB[scope].get(modulePath);
  const module = factory();
  module.__scope__ = scope;
  return module;
}

function pluginsOf(module) {
  const exported = module.default ?? module;
  return Array.isArray(exported) ? exported : [exported];
}

function matchesAny(patterns, id) {
  const extensionName = id.includes(':') ? id.slice(0, id.indexOf(':')) : '';
  return patterns.some((pattern) => pattern === id || (extensionName && pattern === extensionName));
}

export async function main(federated) {
  const disabledPatterns = PageConfig.Extension.disabled;
  const deferredPatterns = PageConfig.Extension.deferred;
  const disabled = [];
  const deferred = [];
  const availablePlugins = [];

  const accept = (module, scope) => {
    const accepted = [];
    for (const plugin of pluginsOf(module)) {
      const isDisabled = matchesAny(disabledPatterns, plugin.id);
      availablePlugins.push({
        id: plugin.id,
        description: plugin.description,
        requires: plugin.requires ?? [],
        optional: plugin.optional ?? [],
        provides: plugin.provides ?? null,
        autoStart: plugin.autoStart,
        enabled: !isDisabled,
        extension: scope,
      });
      if (isDisabled) {
        disabled.push(plugin.id);
        continue;
      }
      if (matchesAny(deferredPatterns, plugin.id)) deferred.push(plugin.id);
      accepted.push(plugin);
    }
    return accepted;
  };

  // A federated extension of the same name as a core one replaces it.
  const federatedNames = new Set(federated.map((extension) => extension.name));
  const plugins = [];
  const mimeExtensions = [];
  for (const { name, module } of coreMimeExtensions) {
    if (!federatedNames.has(name)) mimeExtensions.push(...accept(module, name));
  }
  for (const { name, module } of coreExtensions) {
    if (!federatedNames.has(name)) plugins.push(...accept(module, name));
  }
  plugins.push(...accept(anywidgetPlugin, 'anywidget'));

  const settle = async (promises, sink) => {
    for (const result of await Promise.allSettled(promises)) {
      if (result.status === 'fulfilled') sink.push(...accept(result.value, result.value.__scope__));
      else console.error(result.reason);
    }
  };
  await settle(
    federated.filter((e) => e.mimeExtension).map((e) => federatedModule(e.name, e.mimeExtension)),
    mimeExtensions,
  );
  await settle(
    federated.filter((e) => e.extension).map((e) => federatedModule(e.name, e.extension)),
    plugins,
  );
  const styles = await Promise.allSettled(
    federated.filter((e) => e.style && !matchesAny(disabledPatterns, e.name)).map((e) => federatedModule(e.name, e.style)),
  );
  for (const result of styles) if (result.status === 'rejected') console.error(result.reason);

  const pluginRegistry = new JupyterPluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const connectionStatus = await pluginRegistry.resolveOptionalService(IConnectionStatus);
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);

  const lab = new JupyterLab({
    pluginRegistry,
    serviceManager,
    mimeExtensions,
    connectionStatus,
    disabled: { matches: disabled, patterns: disabledPatterns },
    deferred: { matches: deferred, patterns: deferredPatterns },
    availablePlugins,
  });
  // Tests reach the application through window.jupyterapp (set before start, so they can wait
  // on lab.started and lab.restored).
  if ((PageConfig.getOption('exposeAppInBrowser') || '').toLowerCase() === 'true') {
    window.jupyterapp = lab;
  }
  await lab.start({ ignorePlugins: deferred, bubblingKeydown: true });
}
