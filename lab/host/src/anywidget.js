// anywidget's front-end, so that ES-module widgets (`_esm`, `_css`) render: npm's `anywidget`
// ships it as one self-contained AMD module over @jupyter-widgets/base, which we evaluate with
// the host's copy of that package and register with the widget manager, as anywidget's own
// JupyterLab extension (from PyPI) does.
import * as base from '@jupyter-widgets/base';
import source from 'anywidget-amd-source?raw';

// Evaluated once: its model and view classes share one table of runtimes, so a second copy's
// view would not find the runtime of the first copy's model.
let exported;

function anywidgetModule() {
  if (!exported) {
    // eslint-disable-next-line no-new-func
    new Function('define', source)((_dependencies, factory) => {
      exported = factory(base);
    });
  }
  return exported;
}

export default {
  id: '@clusterlab/jupyterlab-test-host:anywidget',
  description: "anywidget's front-end (AnyModel, AnyView) for ES-module widgets.",
  requires: [base.IJupyterWidgetRegistry],
  autoStart: true,
  activate: (_app, registry) => {
    registry.registerWidget({ name: 'anywidget', version: '0.11.0', exports: anywidgetModule });
  },
};
