/**
 * The network view as an anywidget ES module (kernel/widgets-views.ts sends it as `_esm`): the
 * same NetworkWidget and WebGL renderer as the JupyterLab extension, drawing the `payload` trait.
 */
import { NETWORK_MIME } from '../mime';
import { NetworkWidget } from '../network';
import { type AnyModel, mountRenderer } from './mount';

export default {
  render({ model, el }: { model: AnyModel; el: HTMLElement }): () => void {
    return mountRenderer((options) => new NetworkWidget(options), NETWORK_MIME, model, el);
  },
};
